//! Danish email texts.

use super::EmailTexts;

pub(in crate::i18n) static DA: EmailTexts = EmailTexts {
    new_message_subject: "Du har en ny besked fra jobcentret",
    new_message_lead: "Du har fået en ny besked i Sammen. Log ind for at læse den.",
    overdue_subject: "Borgere venter på svar",
    overdue_lead: "En eller flere borgere har ventet længere end lovet på svar. Log ind i Sammen og se dem under Indbakke.",
    code_subject: "Din kode til Sammen",
    code_lead: "Din kode er {}. Skriv den på siden Min profil for at bekræfte din e-mailadresse.",
    code_expiry: "Koden virker i 30 minutter.",
    code_not_you: "Har du ikke bedt om koden, kan du se bort fra denne mail.",
    log_in: "Log ind på Sammen:",
    greeting: "Hej",
    signature: "Venlig hilsen\nJobcentret",
    why_you_get_this: "Du får denne mail, fordi du har bedt om besked fra Sammen. Du kan slå beskederne fra under Min profil.",
    settings_link: "Indstillinger for beskeder:",
    do_not_reply: "Du kan ikke svare på denne mail. Skriv til os i Sammen.",
    meeting_booked_subject: "Dit møde med jobcentret er booket",
    meeting_moved_subject: "Dit møde med jobcentret er flyttet",
    meeting_cancelled_subject: "Dit møde med jobcentret er aflyst",
    meeting_reminder_subject: "Husk dit møde med jobcentret",
    meeting_booked_lead: "Du har et {} {}. Log ind for at se mødet, flytte det eller aflyse det.",
    meeting_moved_lead: "Dit møde er flyttet. Du har nu et {} {}.",
    meeting_cancelled_lead: "Dit {} {} er aflyst.",
    meeting_reminder_lead: "Husk, at du har et {} {}.",
    meeting_calendar_hint: "Mødet er vedhæftet som en kalenderfil, så du kan lægge det i din kalender.",
    meeting_in_person: "møde på jobcentret",
    meeting_phone: "telefonmøde",
    meeting_video: "videomøde",
    meeting_at: "den {} kl. {}",
};
