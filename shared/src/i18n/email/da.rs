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
};
