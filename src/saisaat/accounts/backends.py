from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from saisaat.notices.models import unread_count


class AccountBackend(ModelBackend):
    """Django's own backend, except that the user it loads for each request carries
    ``unread_notices`` for the page header: a subquery in the query that loads the user
    anyway, so no page makes a query of its own for the count."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.annotate(unread_notices=unread_count())
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
