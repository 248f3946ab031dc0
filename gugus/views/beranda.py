from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..dasbor import ringkasan


@login_required
def beranda(request):
    """The dashboard: per role, the groups in reach and what needs doing next."""
    return render(request, "gugus/beranda.html", ringkasan(request.user))
