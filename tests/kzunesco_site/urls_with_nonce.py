"""The site's URLs plus a page with an inline script, which uses the CSP nonce."""

from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import path

from kzunesco_site.urls import urlpatterns as site_urlpatterns


def page_with_inline_script(request):
    template = Template('<p>Inline</p><script nonce="{{ csp_nonce }}">let seen = 1;</script>')
    return HttpResponse(template.render(RequestContext(request)))


urlpatterns = [path("inline-script/", page_with_inline_script), *site_urlpatterns]
