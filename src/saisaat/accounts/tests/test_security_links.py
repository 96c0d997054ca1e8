"""The sign-in and security page links only to pages the person may open."""

from django.urls import reverse

from saisaat.testing.base import PersonaTestCase


class SecurityPageLinksTest(PersonaTestCase):
    load_plan = False
    publish_plan = False
    more_personas = True

    def links_for(self, user) -> tuple[bool, bool]:
        self.login(user)
        html = self.client.get(reverse("accounts:security")).content.decode()
        roles = reverse("accounts:role-changes")
        pending = reverse("complaints:pending-officers")
        for url, shown in ((roles, roles in html), (pending, pending in html)):
            if shown:
                self.assertEqual(self.client.get(url).status_code, 200, url)
        return roles in html, pending in html

    def test_each_link_is_shown_only_to_who_may_open_it(self):
        self.assertEqual(self.links_for(self.approver), (True, False))
        self.assertEqual(self.links_for(self.department_officer), (True, True))
        # A group director proposes for no office, a provincial administrator confirms no
        # complaint officer: both pages answer them 403, so neither link is offered.
        self.assertEqual(self.links_for(self.group_director), (False, False))
        self.assertEqual(self.links_for(self.provincial_officer), (False, False))
        self.assertEqual(self.status_for_admin_pending(), 403)
        self.assertEqual(self.links_for(self.administrator)[1], False)

    def status_for_admin_pending(self) -> int:
        self.login(self.administrator)
        return self.client.get(reverse("complaints:pending-officers")).status_code
