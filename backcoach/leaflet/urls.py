from django.urls import path

from backcoach.leaflet import views

urlpatterns = [
    path("leaflet/<str:lang>.pdf", views.leaflet_download, name="leaflet-pdf"),
]
