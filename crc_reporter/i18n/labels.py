"""Human labels for the domain's keys, marked for translation."""

from __future__ import annotations

from crc_reporter.i18n import N_, _, translator

LABELS: dict[str, str] = {
    # clusters
    "general_measures": N_("General measures of implementation"),
    "definition": N_("Definition of the child"),
    "general_principles": N_("General principles"),
    "civil_rights": N_("Civil rights and freedoms"),
    "violence": N_("Violence against children"),
    "family_environment": N_("Family environment and alternative care"),
    "health_welfare": N_("Disability, basic health and welfare"),
    "education": N_("Education, leisure and cultural activities"),
    "special_protection": N_("Special protection measures"),
    "optional_protocols": N_("Follow-up to the Optional Protocols"),
    # implementation status
    "not_assessed": N_("Not assessed"),
    "not_implemented": N_("Not implemented"),
    "in_progress": N_("In progress"),
    "partially_implemented": N_("Partially implemented"),
    "implemented": N_("Implemented"),
    "superseded": N_("Superseded"),
    # sides
    "government": N_("Government"),
    "civil_society": N_("Civil society"),
    # kinds
    "recommendation": N_("Recommendation"),
    "concern": N_("Concern"),
    "other": N_("Other"),
    # action status
    "planned": N_("Planned"),
    "ongoing": N_("Ongoing"),
    "completed": N_("Completed"),
    "cancelled": N_("Cancelled"),
    # action types
    "law": N_("Law"),
    "policy": N_("Policy"),
    "programme": N_("Programme"),
    "budget": N_("Budget"),
    "training": N_("Training"),
    "data": N_("Data"),
    "service": N_("Service"),
    "advocacy": N_("Advocacy"),
    "research": N_("Research"),
    # actor types
    "ngo": N_("NGO"),
    "un_agency": N_("UN agency"),
    "coalition": N_("Coalition"),
    "nhri": N_("National human rights institution"),
    # document types
    "state_report": N_("State party report"),
    "list_of_issues": N_("List of issues"),
    "loipr": N_("List of issues prior to reporting"),
    "replies": N_("Replies to the list of issues"),
    "concluding_observations": N_("Concluding observations"),
    "alternative_report": N_("Alternative report"),
    # roles on a shared store
    "viewer": N_("Viewer"),
    "editor": N_("Editor"),
    "coordinator": N_("Coordinator"),
    "admin": N_("Administrator"),
    # update requests (domain.follow_up)
    "sent": N_("Sent"),
    "answered": N_("Answered"),
    "partly_answered": N_("Partly answered"),
    "overdue": N_("Overdue"),
    "proposed": N_("Proposed"),
    "approved": N_("Approved"),
    "sent_back": N_("Sent back"),
    "new_action": N_("New action"),
    "action_status": N_("Status of an action"),
    "evidence": N_("Evidence"),
    "indicator_value": N_("Indicator value"),
    "assessment": N_("Assessment"),
    "package": N_("Package"),
    "workbook": N_("Workbook"),
    "direct": N_("Typed on the server"),
}


def label(key: str | None, lang: str | None = None) -> str:
    """The translated label of a key (in the interface language, or ``lang``)."""
    if key is None:
        return ""
    text = LABELS.get(key, key)
    return translator(lang).gettext(text) if lang else _(text)
