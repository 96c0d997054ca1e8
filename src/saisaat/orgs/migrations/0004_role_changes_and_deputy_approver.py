import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_historicalstaffmember_staffmember"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="deputy_approver",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="deputy_of",
                to="orgs.user",
                verbose_name="deputy approver",
            ),
        ),
        migrations.CreateModel(
            name="RoleChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("head", "Office head (approver)"),
                            ("group_director", "Work group director (approver)"),
                            ("deputy", "Deputy approver"),
                        ],
                        max_length=16,
                        verbose_name="role",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for confirmation"),
                            ("confirmed", "Confirmed"),
                            ("refused", "Refused"),
                        ],
                        default="pending",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("proposed_at", models.DateTimeField(auto_now_add=True, verbose_name="proposed")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="orgs.user",
                        verbose_name="decided by",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="orgs.user",
                        verbose_name="proposed by",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="role_changes",
                        to="orgs.unit",
                        verbose_name="unit",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="role_changes",
                        to="orgs.user",
                        verbose_name="person",
                    ),
                ),
                (
                    "work_group",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="orgs.workgroup",
                        verbose_name="work group",
                    ),
                ),
            ],
            options={
                "verbose_name": "role change",
                "verbose_name_plural": "role changes",
                "ordering": ["-proposed_at", "-pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "pending")),
                        fields=("unit", "user", "kind"),
                        name="rolechange_one_pending_per_person_and_role",
                        violation_error_message="This change is already waiting for confirmation.",
                    )
                ],
            },
        ),
    ]
