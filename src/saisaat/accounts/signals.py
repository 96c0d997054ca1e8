import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from saisaat.accounts.policy import LAST_SEEN, SECOND_FACTOR_STEP, SIGNED_IN_AT, second_factor_step


@receiver(user_logged_in, dispatch_uid="saisaat-accounts-sign-in")
def remember_sign_in(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    # "" records that nothing is owed, so a session without the key is one whose step was
    # never worked out (see SecondFactorMiddleware).
    request.session[SECOND_FACTOR_STEP] = second_factor_step(user) or ""
