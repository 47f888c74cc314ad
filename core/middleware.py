"""Small HTTP details that Django leaves to the server."""


class HeadWithoutBodyMiddleware:
    """A HEAD response keeps its headers (Content-Length included) but sends no body:
    Django renders one, and gunicorn would otherwise drop it with a warning each time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.close()
                response.streaming_content = []
            else:
                response.content = b""
        return response
