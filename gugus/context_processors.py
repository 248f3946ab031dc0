from . import akses


def peran(request):
    """The user's roles, for menus; computed lazily once per request."""
    return {"peran": akses.peran(request.user) if request.user.is_authenticated else None}
