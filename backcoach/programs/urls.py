from django.urls import path

from backcoach.programs import views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("exercises/<slug:exercise_id>/", views.exercise, name="exercise"),
    path("start/", views.session_start, name="session-start"),
    path("safety/", views.safety, name="safety"),
    path("advice/", views.advice, name="advice"),
    path("translations/", views.translations, name="translations"),
]
