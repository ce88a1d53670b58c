"""iCalendar invitations (RFC 5545) with the `icalendar` library: one stable UID per interview, SEQUENCE
incremented on every reschedule, METHOD:CANCEL when it is called off — so calendars update the same event."""

from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress, vText

from backend.interviews.models import Interview


def invitation(
    interview: Interview,
    *,
    title: str,
    organizer_email: str,
    attendees: list[str],
    description: str,
    cancel: bool = False,
) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//InterviewFlow//Interviews//EN")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", f"interview-{interview.id}@interviewflow.dev")
    event.add("sequence", interview.ics_sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", interview.starts_at)
    event.add("dtend", interview.ends_at)
    event.add("summary", title)
    event.add("description", description)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    if interview.location:
        event.add("location", vText(interview.location))
    organizer = vCalAddress(f"mailto:{organizer_email}")
    event["organizer"] = organizer
    for email in attendees:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        attendee.params["PARTSTAT"] = vText("NEEDS-ACTION")
        event.add("attendee", attendee, encode=False)
    cal.add_component(event)
    return cal.to_ical()
