from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils.functional import SimpleLazyObject

from saisaat.notices.models import Notice, unread_count
from saisaat.notices.registry import hidden_from


def visible_unread(user) -> int:
    """Unread notices the person may still see (as the list shows them): a notice about a
    complaint they may no longer read is not counted."""
    return (
        Notice.objects.filter(recipient=user, read_at__isnull=True)
        .exclude(hidden_from(user))
        .count()
    )


class AccountBackend(ModelBackend):
    """Django's own backend, except that the user it loads for each request carries
    ``unread_notices`` for the page header. The plain count rides, as a subquery, on the
    query that loads the user anyway: when it is 0 (most pages) nothing more is asked;
    otherwise the header's first use counts again, leaving out notices about records the
    person may no longer read (one query)."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.annotate(unread_all=unread_count())
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        if user.unread_all:
            user.unread_notices = SimpleLazyObject(lambda: visible_unread(user))
        else:
            user.unread_notices = 0
        return user
