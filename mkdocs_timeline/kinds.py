"""The closed list of event kinds, each with a label and a one-line description for editors."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A kind of event; `count` is the number of events of this kind in one timeline."""

    id: str
    label: str
    description: str
    count: int = 0


KINDS: tuple[Kind, ...] = (
    Kind(
        "tribunal",
        "Tribunals",
        "International, ad hoc and hybrid tribunals other than the ICC "
        "(Nuremberg, Tokyo, ICTY, ICTR, SCSL, ECCC, STL, Kosovo Specialist Chambers).",
    ),
    Kind(
        "treaty",
        "Treaty actions",
        "The Rome Statute and other treaty actions: adoption, signature, the 2002 letter, "
        "entry into force, amendments, ratifications and withdrawals.",
    ),
    Kind(
        "legislation",
        "Legislation",
        "Acts of the U.S. Congress, and bills passed by one chamber.",
    ),
    Kind(
        "executive",
        "Executive actions",
        "U.S. executive-branch actions and statements (executive orders, policy speeches, "
        "reviews, visa policies) other than sanctions designations.",
    ),
    Kind(
        "sanctions",
        "Sanctions",
        "U.S. sanctions and designations, and their revocation.",
    ),
    Kind(
        "us-court",
        "U.S. court cases",
        "Cases in U.S. federal courts about the Court and the sanctions: lawsuits, rulings "
        "and appeals.",
    ),
    Kind(
        "security-council",
        "Security Council",
        "UN Security Council resolutions, referrals, deferrals and failed referrals.",
    ),
    Kind(
        "court",
        "Court actions",
        "Actions of the ICC itself: investigations, warrants, decisions and judgments.",
    ),
    Kind(
        "assembly",
        "Assembly of States Parties",
        "The Assembly of States Parties and its Bureau: sessions, elections and decisions.",
    ),
    Kind(
        "diplomacy",
        "Diplomacy",
        "U.S. diplomacy with the Court and its Assembly of States Parties "
        "(observer status, Kampala, Article 98 agreements).",
    ),
    Kind(
        "cooperation",
        "Cooperation",
        "Concrete U.S. support to the Court or tribunals: surrenders, transfers, rewards, "
        "evidence sharing.",
    ),
    Kind(
        "response",
        "Responses",
        "Other states' and the European Union's responses to U.S. policy toward the Court.",
    ),
    Kind(
        "report",
        "Reports",
        "Reports and studies by non-governmental bodies, such as the ASIL Task Force report.",
    ),
)

KINDS_BY_ID: dict[str, Kind] = {kind.id: kind for kind in KINDS}
