//! The Danish messages of what is wrong with a field.

use super::ValidationTexts;

pub(in crate::i18n) static DA: ValidationTexts = ValidationTexts {
    required: "Skal udfyldes.",
    too_long: "Må højst være {} tegn.",
    invalid: "Værdien er ikke gyldig.",
    invalid_date: "Skriv datoen som dd.mm.åååå.",
    end_before_start: "Slutdatoen må ikke være før startdatoen.",
    in_the_future: "Datoen må ikke ligge i fremtiden.",
    year_out_of_range: "Skriv et årstal fra {} til {}.",
    file_too_large: "Filen er for stor. Den må højst fylde {} MB.",
    file_type: "Filen skal være en PDF, JPEG eller PNG.",
    not_done: "Det kan du først skrive, når trinnet er gennemført.",
    too_many_files: "Du har allerede {} dokumenter, som er det højeste antal. Slet et dokument, du ikke længere har brug for, og prøv igen.",
    storage_full: "Der er ikke plads til filen. Dine dokumenter må fylde højst {} MB i alt. Slet et dokument, du ikke længere har brug for, og prøv igen.",
    not_agreed: "I skal først begge være enige om trinnet. Derefter kan det planlægges, sættes i gang eller meldes færdigt.",
    control_character: "Teksten indeholder et usynligt tegn, som ikke kan gemmes. Skriv teksten igen uden at sætte den ind fra et andet sted.",
    invalid_email: "Skriv en e-mailadresse som navn@eksempel.dk.",
    wrong_code: "Koden passer ikke. Se efter i mailen og prøv igen.",
    code_expired: "Koden er udløbet. Bed om en ny kode.",
    too_many_tries: "Du har prøvet for mange gange. Bed om en ny kode.",
    conversation_closed: "Samtalen er lukket. Start en ny besked, hvis du vil skrive igen.",
    not_in_team: "Du kan kun overdrage til en kollega i dit team.",
    too_many_attachments: "Du kan højst sende {} filer med en besked.",
};
