from django.urls import path

from backcoach.practice import views

urlpatterns = [
    path("", views.player, name="session-player"),
    path("sw.js", views.service_worker, name="session-service-worker"),
    path(
        "illustrations/<str:checksum>/<str:language>/<slug:exercise_id>/<slug:variant>.svg",
        views.illustration,
        name="session-illustration",
    ),
]
