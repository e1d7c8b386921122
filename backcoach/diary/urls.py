from django.urls import URLPattern, path

from backcoach.diary import device_views, feedback_views, reminder_views, symptoms, views

app_name = "diary"

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("entry/", views.save_entry, name="save-entry"),
    path("entry/<uuid:entry_uuid>/", views.entry, name="entry"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("symptoms/", symptoms.symptoms, name="symptoms"),
    path("device/", device_views.device_diary, name="device"),
    path("reminders/", reminder_views.settings_page, name="reminders"),
    path("reminders/renew/", reminder_views.renew_token, name="renew-calendar"),
    path("calendar/<str:token>.ics", reminder_views.calendar_feed, name="calendar"),
    path("feedback/", feedback_views.questionnaire, name="feedback"),
    path("feedback/results/", feedback_views.results, name="feedback-results"),
    path(
        "feedback/results/<slug:program_id>/<str:version>.csv",
        feedback_views.results_csv,
        name="feedback-results-csv",
    ),
]
