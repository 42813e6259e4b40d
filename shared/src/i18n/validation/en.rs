//! The English messages of what is wrong with a field.

use super::ValidationTexts;

pub(in crate::i18n) static EN: ValidationTexts = ValidationTexts {
    required: "Must be filled in.",
    too_long: "Must be at most {} characters.",
    invalid: "The value is not valid.",
    invalid_date: "Write the date as dd.mm.yyyy.",
    end_before_start: "The end date cannot be before the start date.",
    in_the_future: "The date cannot be in the future.",
    year_out_of_range: "Write a year from {} to {}.",
    file_too_large: "The file is too large. It can be at most {} MB.",
    file_type: "The file must be a PDF, JPEG or PNG.",
    not_done: "You can write this once the step is done.",
    too_many_files: "You already have {} documents, which is the most you can have. Delete one you no longer need, then try again.",
    storage_full: "There is no room for the file. Your documents can take up at most {} MB in all. Delete one you no longer need, then try again.",
    not_agreed: "You must both agree to the step first. Then it can be planned, started or marked as done.",
    control_character: "The text holds an invisible character that cannot be saved. Type it again instead of pasting it from elsewhere.",
    invalid_email: "Write an email address like name@example.com.",
    wrong_code: "The code does not match. Check the email and try again.",
    code_expired: "The code has expired. Ask for a new code.",
    too_many_tries: "You have tried too many times. Ask for a new code.",
    conversation_closed: "The conversation is closed. Start a new message if you want to write again.",
    not_in_team: "You can only hand over to a colleague in your team.",
    too_many_attachments: "You can send at most {} files with one message.",
};
