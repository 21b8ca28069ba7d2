from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("buy/<slug:code>/", views.checkout, name="checkout"),
    path("orders/", views.order_list, name="orders"),
    path("orders/<uuid:number>/", views.order_detail, name="order"),
    path("orders/<uuid:number>/return/", views.order_return, name="order_return"),
    path("orders/<uuid:number>/cancel/", views.order_cancel, name="order_cancel"),
    path("credits/", views.credits, name="credits"),
    path("invoices/<str:number>/", views.invoice_detail, name="invoice"),
    path("invoices/<str:number>/pdf/", views.invoice_pdf, name="invoice_pdf"),
]
