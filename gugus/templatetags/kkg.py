from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def param_halaman(context, nomor):
    """The current query string (search, filters) with only the page number replaced."""
    query = context["request"].GET.copy()
    query["page"] = nomor
    return query.urlencode()


@register.filter
def halaman_sekitar(paginator, nomor):
    """Page numbers around the current one, with None where pages are left out."""
    return [None if n == paginator.ELLIPSIS else n for n in paginator.get_elided_page_range(nomor, on_each_side=2)]
