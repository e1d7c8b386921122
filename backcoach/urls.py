from django.contrib import admin
from django.urls import include, path

from backcoach.api import api
from backcoach.serving import healthz

# A database overload raised by a middleware answers 503 too (backcoach.overload).
handler500 = "backcoach.overload.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("session/", include("backcoach.practice.urls")),
    # Under /session/ so that the player's service worker can keep it for offline use.
    path("session/", include("backcoach.coach.urls")),
    path("diary/", include("backcoach.diary.urls")),
    path("clinic/", include("backcoach.clinic.urls")),
    path("fhir/", include("backcoach.interop.urls")),
    # Login, patient activation (/activate/) and the patient's own data (issue 5).
    path("", include("backcoach.clinic.account_urls")),
    path("", include("backcoach.leaflet.urls")),
    path("", include("backcoach.programs.urls")),
]
