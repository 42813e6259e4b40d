//! Example plans, profiles and meetings for the demo people (`sammen seed-demo --examples`, which
//! `cargo xtask run` uses), so a demo shows Sammen in use: a proposal waiting for agreement, a
//! step under way, something achieved together, a question waiting for an answer. Written
//! through the same store functions as real use, so the history tells the story too.

use secrecy::SecretString;
use shared::api::{
    AccessPurpose, Accommodations, CompetenceData, EducationLevel, LanguageLevel,
    LimitationCategory, LimitationInput, MeetingChannel, ReminderChannel, ReminderTiming,
    Responsible, StepStatus, StepWording, TimeOfDay,
};
use uuid::Uuid;

use crate::access::Actor;
use crate::db::Db;
use crate::meetings::demo as meetings;
use crate::people::{self, cpr::Cpr};
use crate::plan::store as plan;
use crate::profile::store as profile;

fn step(
    title: &str,
    description: &str,
    step_type: &str,
    dates: Option<(&str, &str)>,
    responsible: Responsible,
) -> StepWording {
    StepWording {
        title: title.into(),
        description: description.into(),
        step_type: step_type.into(),
        starts_on: dates.map(|d| d.0.to_string()),
        ends_on: dates.map(|d| d.1.to_string()),
        responsible,
    }
}

struct Pair {
    citizen: Actor,
    caseworker: Actor,
}

async fn pair(db: &Db, key: &SecretString, cpr: &str, login: &str) -> anyhow::Result<Option<Pair>> {
    let Some(cpr) = Cpr::parse(cpr) else {
        return Ok(None);
    };
    let Some(citizen) = people::citizen_by_cpr_hmac(db, &cpr.hmac(key)).await? else {
        return Ok(None);
    };
    let Some(caseworker) = people::caseworker_by_login(db, login).await? else {
        return Ok(None);
    };
    Ok(Some(Pair {
        citizen: Actor::Citizen {
            citizen_id: citizen.id,
        },
        caseworker: Actor::Caseworker {
            caseworker_id: caseworker.id,
            citizen_id: citizen.id,
            purpose: AccessPurpose::Casework,
        },
    }))
}

/// Adds the examples to citizens whose plan and profile are still empty; returns how many.
pub async fn seed_examples(db: &Db, key: &SecretString) -> anyhow::Result<u32> {
    let mut seeded = 0;
    for (cpr, login) in [
        ("150307-1236", "mette.hansen"),
        ("040571-2219", "mette.hansen"),
        ("220994-1448", "lars.jensen"),
        ("110686-3517", "lars.jensen"),
    ] {
        let Some(p) = pair(db, key, cpr, login).await? else {
            continue;
        };
        let citizen_id = p.citizen.citizen_id();
        let mut tx = db.begin().await?;
        {
            let mut c = tx.conn();
            if let Some(caseworker) = p.caseworker.caseworker_id() {
                meetings::offer_times(&mut c, caseworker).await?;
            }
            let has_plan = plan::load(&mut c, citizen_id)
                .await?
                .is_some_and(|plan| !plan.steps.is_empty());
            if has_plan || !profile::competences(&mut c, citizen_id).await?.is_empty() {
                continue;
            }
            match cpr {
                "150307-1236" => freja(&mut c, &p).await?,
                "040571-2219" => henrik(&mut c, &p).await?,
                "220994-1448" => sofie(&mut c, &p).await?,
                _ => karim(&mut c, &p).await?,
            }
        }
        tx.commit().await?;
        seeded += 1;
    }
    Ok(seeded)
}

type Conn<'a, 'b> = &'a mut crate::db::Conn<'b>;

/// Young, choosing an education: her own goal, a proposal waiting for her, a question asked.
async fn freja(c: Conn<'_, '_>, p: &Pair) -> anyhow::Result<()> {
    plan::set_own_goal(
        c,
        p.citizen,
        "Finde ud af, om jeg skal være pædagog eller arbejde med dyr.",
    )
    .await?;
    plan::set_goals(
        c,
        p.caseworker,
        "Start på en uddannelse til sommer",
        Some("uddannelseshjaelp"),
    )
    .await?;
    let wording = step(
        "Samtale med en uddannelsesvejleder",
        "Vi taler om pædagoguddannelsen og dyrepasseruddannelsen, og hvad du skal bruge for at komme ind.",
        "youth_guidance",
        Some(("2027-01-11", "2027-01-11")),
        Responsible::Jobcentre,
    );
    plan::add_step(c, p.caseworker, &wording).await?;
    plan::ask(
        c,
        p.citizen,
        "education_support",
        "Jeg er ordblind. Kan jeg få hjælp på en uddannelse?",
    )
    .await?;
    Ok(())
}

/// Sick-listed: an agreed step under way, what he can, and how meetings work for him.
async fn henrik(c: Conn<'_, '_>, p: &Pair) -> anyhow::Result<()> {
    plan::set_goals(
        c,
        p.caseworker,
        "Tilbage til lagerarbejde med lettere løft",
        Some("sygedagpenge"),
    )
    .await?;
    let wording = step(
        "Afklaring hos en fysioterapeut",
        "Fire forløb hos fysioterapeuten, så vi ved, hvad din ryg kan holde til.",
        "health",
        Some(("2026-11-02", "2027-01-29")),
        Responsible::Citizen,
    );
    let id = plan::add_step(c, p.caseworker, &wording).await?;
    plan::agree(c, p.citizen, id, 1).await?;
    plan::set_status(c, p.citizen, id, StepStatus::InProgress).await?;
    plan::comment(
        c,
        p.citizen,
        id,
        "Første gang gik fint. Jeg var øm bagefter, men det er normalt, sagde hun.",
    )
    .await?;
    profile::add_competence(
        c,
        p.citizen.citizen_id(),
        &CompetenceData::Skill {
            name: "Truckkort (B)".into(),
        },
    )
    .await?;
    profile::add_competence(
        c,
        p.citizen.citizen_id(),
        &CompetenceData::WorkExperience {
            role: "Lagermedarbejder".into(),
            workplace: "Grossist i Kolding".into(),
            from_year: Some(2004),
            to_year: Some(2026),
        },
    )
    .await?;
    let helps = Accommodations {
        meeting_channels: vec![MeetingChannel::Phone, MeetingChannel::InPerson],
        time_of_day: TimeOfDay::Morning,
        longer_meetings: true,
        ..Accommodations::default()
    };
    profile::set_accommodations(c, p.citizen.citizen_id(), &helps).await?;
    Ok(())
}

/// Cognitive limitation: what helps her at meetings, and a limitation she has not shared.
async fn sofie(c: Conn<'_, '_>, p: &Pair) -> anyhow::Result<()> {
    plan::set_own_goal(
        c,
        p.citizen,
        "Et job hvor jeg ved, hvad jeg skal, hver dag.",
    )
    .await?;
    let helps = Accommodations {
        meeting_channels: vec![MeetingChannel::InPerson],
        time_of_day: TimeOfDay::Midday,
        longer_meetings: true,
        companion: true,
        written_summary: true,
        easy_read: true,
        reminder_channels: vec![ReminderChannel::Sms],
        reminder_timing: ReminderTiming::Both,
        ..Accommodations::default()
    };
    profile::set_accommodations(c, p.citizen.citizen_id(), &helps).await?;
    let hard = LimitationInput {
        category: LimitationCategory::Cognitive,
        description: "Jeg har svært ved at huske, hvad vi har aftalt, når mødet er slut.".into(),
        work_impact: "Jeg har brug for faste opgaver og en liste.".into(),
        meeting_impact: "Skriv det vigtigste ned til mig.".into(),
        professional: None,
    };
    profile::add_limitation(c, p.citizen.citizen_id(), &hard).await?;
    let id = plan::add_step(
        c,
        p.caseworker,
        &step(
            "Praktik i en kantine",
            "To formiddage om ugen med en fast kollega.",
            "internship",
            Some(("2027-02-01", "2027-04-30")),
            Responsible::Citizen,
        ),
    )
    .await?;
    plan::comment(
        c,
        p.caseworker,
        id,
        "Vi kan tage derud sammen første gang, hvis du vil.",
    )
    .await?;
    let (citizen, caseworker) = (p.citizen.citizen_id(), p.caseworker.caseworker_id());
    if let Some(caseworker) = caseworker {
        meetings::past_meeting(
            c,
            citizen,
            caseworker,
            8,
            "Praktik",
            Some("Vi aftalte, at du prøver praktik i kantinen to formiddage om ugen. Jeg ringer til kantinen og skriver til dig, når jeg ved mere."),
        )
        .await?;
        meetings::past_meeting(c, citizen, caseworker, 1, "Hvordan det går", None).await?;
    }
    Ok(())
}

/// Unemployed academic: competences, and a step achieved together.
async fn karim(c: Conn<'_, '_>, p: &Pair) -> anyhow::Result<()> {
    let citizen_id = p.citizen.citizen_id();
    for competence in [
        CompetenceData::Education {
            level: EducationLevel::Master,
            field: "Kommunikation".into(),
            year: Some(2012),
        },
        CompetenceData::Language {
            language: "Arabisk".into(),
            level: LanguageLevel::Native,
        },
        CompetenceData::Language {
            language: "Engelsk".into(),
            level: LanguageLevel::Fluent,
        },
    ] {
        profile::add_competence(c, citizen_id, &competence).await?;
    }
    plan::set_goals(
        c,
        p.caseworker,
        "Kommunikationsmedarbejder i en kommune eller organisation",
        Some("dagpenge"),
    )
    .await?;
    let id = plan::add_step(
        c,
        p.caseworker,
        &step(
            "Kursus i at skrive til LinkedIn",
            "Et kursus på tre dage om profil og opslag.",
            "education",
            Some(("2026-10-05", "2026-10-07")),
            Responsible::Citizen,
        ),
    )
    .await?;
    plan::agree(c, p.citizen, id, 1).await?;
    plan::set_status(c, p.caseworker, id, StepStatus::Done).await?;
    plan::helped(c, p.citizen, id, "At skrive om mine sprog som en styrke.").await?;
    plan::helped(
        c,
        p.caseworker,
        id,
        "Karim delte sine opslag i gruppen og fik to samtaler.",
    )
    .await?;
    plan::ask(
        c,
        p.citizen,
        "mentor",
        "En mentor fra kommunikationsbranchen.",
    )
    .await?;
    let _: Uuid = id;
    Ok(())
}
