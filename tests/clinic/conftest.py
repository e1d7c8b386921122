from clinic.people import *  # noqa: F403
