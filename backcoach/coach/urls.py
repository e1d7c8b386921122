from django.urls import path

from backcoach.coach import views

urlpatterns = [
    path("coach.json", views.config, name="coach-config"),
    path("coach/pose-worker.js", views.pose_worker, name="coach-pose-worker"),
]
