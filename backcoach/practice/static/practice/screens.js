// The player's screens, built with the DOM (no framework). Each screen that asks
// something returns a promise of the answer.
import { format } from "./engine.js";

let target = null;
const screen = () => target || document.getElementById("screen");
let S = {};

/** Render the next screens into `node` (a dialog) instead of the main screen; null to go back. */
export function setTarget(node) {
  target = node;
}

export function setStrings(strings) {
  S = strings;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** Replace the screen, name it for tests and styles, and move focus to its heading. */
export function show(name, ...children) {
  const root = document.getElementById("player");
  root.dataset.screen = name;
  // Optional parts come as null: replaceChildren would print them as the text "null".
  screen().replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  const heading = screen().querySelector("h2");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: false });
  }
}

export function message(name, text) {
  show(name, el("p", {}, text));
}

export function redFlags(program) {
  return new Promise((resolve) => {
    const error = el("p", { class: "form-error", role: "alert", hidden: true }, S.answer_all);
    const fieldsets = program.red_flags.items.map((flag) =>
      el("fieldset", { class: "red-flag-question" },
        el("legend", {}, flag.question),
        el("div", { class: "yes-no" },
          ["yes", "no"].map((answer) =>
            el("label", { class: "choice" },
              el("input", { type: "radio", name: flag.id, value: answer, required: true }),
              el("span", {}, S[answer]))))));
    const form = el("form", { class: "red-flag-form", novalidate: true, onsubmit: (event) => {
      event.preventDefault();
      const answers = {};
      for (const flag of program.red_flags.items) {
        const checked = form.querySelector(`input[name="${flag.id}"]:checked`);
        if (!checked) {
          error.hidden = false;
          form.querySelector(`input[name="${flag.id}"]`).focus();
          return;
        }
        answers[flag.id] = checked.value === "yes";
      }
      resolve(answers);
    } }, fieldsets, error, el("button", { type: "submit", class: "button primary big" }, S.continue));
    show("red-flags", el("h2", {}, S.red_flags_title), el("p", {}, program.red_flags.intro), form);
  });
}

/** Big tel: buttons for the clinic (clinic/contact.py on the server) and 112, and when closed. */
export function callButtons(program) {
  const { clinic } = program;
  return el("div", { class: "call-buttons" },
    clinic.phone ? el("p", { class: "call-clinic-name" }, clinic.name) : null,
    clinic.phone
      ? el("p", {}, el("a", { class: "button primary phone big call-clinic", href: clinic.tel }, format(S.call, { phone: clinic.phone })))
      : el("p", {}, S.call_practice),
    el("p", {}, el("a", { class: "button primary phone big emergency call-emergency", href: `tel:${clinic.emergency}` },
      format(S.call_emergency, { number: clinic.emergency }))),
    el("p", { class: "out-of-hours" }, program.red_flags.out_of_hours),
    clinic.out_of_hours ? el("p", { class: "out-of-hours clinic-out-of-hours" }, clinic.out_of_hours) : null);
}

export function redFlagStop(program, yes) {
  show("red-flag-stop",
    el("h2", {}, S.stop_title),
    el("ul", { class: "advice" }, program.red_flags.items.filter((f) => yes.includes(f.id)).map((f) =>
      el("li", {}, el("strong", {}, f.symptom), " ", f.advice))),
    callButtons(program));
}

/** The 0-10 pain scale as eleven big buttons. */
export function nrs(name, question, extra = []) {
  return new Promise((resolve) => {
    const buttons = Array.from({ length: 11 }, (_, value) =>
      el("button", { type: "button", class: `nrs-button nrs-${value}`, onclick: () => resolve(value) }, String(value)));
    show(name,
      el("h2", { id: `${name}-question` }, question),
      ...extra,
      el("div", { class: "nrs", role: "group", "aria-labelledby": `${name}-question` }, buttons),
      el("p", { class: "nrs-legend" }, el("span", {}, S.nrs_low), el("span", {}, S.nrs_high)));
  });
}

export function choice(name, question, options) {
  return new Promise((resolve) => {
    show(name, el("h2", {}, question), el("div", { class: "choices" }, options.map(([value, label]) =>
      el("button", { type: "button", class: "button secondary big", onclick: () => resolve(value) }, label))));
  });
}

export function exerciseIntro({ program, exercise, index, dose, doseAdvice, resumeAt, camera = null }) {
  const start = {
    supine: "start_when_ready", prone: "start_when_ready", "four-point-kneeling": "start_when_ready_kneeling",
    seated: "start_when_ready_seated", standing: "start_when_ready_standing",
  }[exercise.position];
  return new Promise((resolve) => {
    show("exercise-waiting",
      el("p", { class: "progress-line" }, format(S.exercise_of, { n: index + 1, total: program.exercises.length })),
      el("h2", {}, `${exercise.number}. ${exercise.title}`),
      figure(exercise, exercise.variants[0]?.id),
      el("p", { class: "starting-position" }, exercise.starting_position),
      el("ul", { class: "steps" }, exercise.steps.map((step) => el("li", {}, step))),
      el("p", { class: "dose" }, dose.step ? format(S.lower_dose, { reps: dose.reps }) : exercise.dose_label),
      doseAdvice ? el("p", { class: "dose-advice" }, doseAdvice) : null,
      resumeAt ? el("p", { class: "resume-at" }, resumeAt) : null,
      camera,
      el("button", { type: "button", class: "button primary big start", onclick: () => resolve() }, program.ui[start]));
  });
}

/** The camera coach's set-up: the coach speaks; this shows the same words and a way out. */
export function coachSetup({ exercise, onWithout }) {
  show("coach-setup",
    el("h2", {}, `${exercise.number}. ${exercise.title}`),
    el("p", { class: "coach-setup-hint" }, S.coach_setup),
    el("button", { type: "button", class: "button secondary big without-camera", onclick: onWithout }, S.start_without_camera));
}

// An animation inside an <img> cannot be paused from script, so the player puts each
// SVG into the page itself; pausing the session then freezes it (pauseAnimations).
const svgTexts = new Map();
let animationsPaused = false;

/** Freeze (true) or restart (false) every animation on the player's screens. */
export function pauseAnimations(paused) {
  animationsPaused = paused;
  for (const svg of document.querySelectorAll("#player .figure > svg")) {
    if (paused) svg.pauseAnimations();
    else svg.unpauseAnimations();
  }
}

async function inlineSvg(src, alt) {
  if (!svgTexts.has(src)) {
    svgTexts.set(src, fetch(src).then((response) => (response.ok ? response.text() : null)).catch(() => null));
  }
  const text = await svgTexts.get(src);
  if (!text) return null;
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
  if (parsed.localName !== "svg" || parsed.querySelector("parsererror, script")) return null;
  const svg = document.importNode(parsed, true);
  svg.removeAttribute("aria-labelledby");  // named like the <img> it replaces
  svg.setAttribute("aria-label", alt);
  return svg;
}

/** The exercise's animation (an SVG file, cached by the service worker); `pausable`
 * (the running exercise) puts it in the page so that pausing can freeze it. */
export function figure(exercise, variant, pausable = false) {
  const picture = exercise.illustrations[variant || "all"] || exercise.illustrations.all;
  const label = exercise.variants.find((v) => v.id === variant)?.label;
  const alt = label ? `${exercise.title}: ${label}` : exercise.title;
  const holder = el("div", { class: "figure" });
  if (!picture) return holder;
  // The <img> shows at once; the inline copy replaces it when read (the <img> stays if it
  // cannot be read).
  const img = el("img", { src: picture.src, alt, width: picture.width, height: picture.height });
  holder.append(img);
  if (!pausable) return holder;
  inlineSvg(picture.src, alt).then((svg) => {
    if (!svg || !img.isConnected) return;
    img.replaceWith(svg);
    if (animationsPaused) svg.pauseAnimations();
  });
  return holder;
}

/** The screen during an exercise; returns handles the engine updates. */
export function exerciseRunning({ exercise, controls }) {
  const cue = el("p", { class: "cue" });
  const count = el("p", { class: "count", "aria-hidden": "true" });
  const countLabel = el("p", { class: "count-label" });
  const repetition = el("p", { class: "repetition" });
  const pictures = el("div", { class: "figure-slot" }, figure(exercise, exercise.variants[0]?.id, true));
  const breathing = exercise.breathing_cue ? el("p", { class: "breathing" }, exercise.breathing_cue) : null;
  const perVariant = el("ul", { class: "per-variant" });
  show("exercise-running",
    el("h2", {}, `${exercise.number}. ${exercise.title}`),
    pictures, repetition, cue, count, countLabel, breathing, perVariant, controls);
  // On a phone the title, picture, side, cue and count must fit on one screen: the
  // patient is on the floor and should not have to scroll.
  screen().querySelector("h2")?.scrollIntoView({ block: "start" });
  let shownVariant = exercise.variants[0]?.id;
  return {
    repetition({ variant, label, n, total }) {
      repetition.textContent = label ? `${label}: ${n} / ${total}` : `${n} / ${total}`;
      if (variant && variant !== shownVariant) {
        shownVariant = variant;
        pictures.replaceChildren(figure(exercise, variant, true));
      }
    },
    perVariant(done, reps) {
      const items = (exercise.variants.length ? exercise.variants : [{ id: "all", label: "" }]).map((v) =>
        el("li", { "data-variant": v.id }, `${v.label ? v.label + ": " : ""}${done[v.id] || 0} / ${reps}`));
      perVariant.replaceChildren(...items);
    },
    phase({ phase, cue: text }) {
      document.getElementById("player").dataset.phase = phase.kind;
      cue.textContent = text;
    },
    count({ value, kind }) {
      count.textContent = String(value);
      countLabel.textContent = kind === "hold" ? S.hold_for : S.count;
    },
  };
}

/** How one exercise ended, as the summary names it. */
export function resultStatus(result) {
  if (!result) return "not-started";
  if (result.stopped_for_pain) return "stopped-for-pain";
  if (result.skipped) return "skipped";
  if (result.stopped) return "stopped";
  return "done";
}

const STATUS_TEXT = {
  done: "status_done", stopped: "status_stopped", "stopped-for-pain": "status_stopped_pain",
  skipped: "status_skipped", "not-started": "status_not_started",
};

/** "3 of 5", or per side "Left: 3 of 5, Right: 2 of 5"; `reps` is the prescribed dose. */
export function repsText(exercise, result, reps) {
  const done = result?.reps_done || {};
  if (!exercise.variants.length) return format(S.reps_of, { done: done.all || 0, reps });
  return exercise.variants.map((v) => format(S.variant_reps_of, { variant: v.label, done: done[v.id] || 0, reps })).join(", ");
}

/**
 * The end of a session: pain before and after, then per exercise the repetitions done
 * of those prescribed, its pain and how it ended. A pain at or above the safety rules'
 * severe threshold (from the program) shows the leaflet's "consult the doctor" advice.
 */
export function summary({ program, session, results, repsFor, onNew }) {
  const byExercise = Object.fromEntries(results.map((r) => [r.exercise_id, r]));
  const pains = [session.pain_before, session.pain_after, ...results.map((r) => r.pain_nrs)]
    .filter((nrs) => nrs !== null && nrs !== undefined);
  const highest = pains.length ? Math.max(...pains) : null;
  const severe = highest !== null && highest >= program.safety_rules.severe_nrs;
  const items = program.exercises.map((exercise) => {
    const result = byExercise[exercise.id];
    const status = resultStatus(result);
    const details = [
      el("span", { class: "status" }, S[STATUS_TEXT[status]]),
      result ? el("span", { class: "reps" }, repsText(exercise, result, repsFor(exercise, result))) : null,
      result && result.pain_nrs !== null ? el("span", { class: "pain" }, format(S.pain_during, { nrs: result.pain_nrs })) : null,
    ].filter(Boolean);
    return el("li", { "data-exercise": exercise.id, "data-status": status },
      el("strong", {}, `${exercise.number}. ${exercise.title}`),
      el("span", { class: "details" }, details.flatMap((part, n) => (n ? [" · ", part] : [part]))));
  });
  const painLine = format(S.pain_before_after, { before: session.pain_before ?? "–", after: session.pain_after ?? "–" });
  show("summary",
    el("h2", {}, S.summary_title),
    el("p", { class: "session-pain" }, painLine),
    severe
      ? el("section", { class: "callout consult-doctor", "data-advice": "consult-doctor", "aria-labelledby": "severe-title" },
        el("h3", { id: "severe-title" }, format(S.severe_title, { nrs: highest })),
        el("p", {}, program.pain_rules.persists_or_grows),
        program.clinic.phone
          ? el("p", {}, el("a", { class: "button primary phone big call-clinic", href: program.clinic.tel }, format(S.call, { phone: program.clinic.phone })))
          : null)
      : null,
    el("h3", {}, S.exercises_title),
    el("ul", { class: "summary-exercises" }, items),
    el("h3", {}, S.posture_title),
    el("ul", { class: "posture" }, program.posture_advice.map((text) => el("li", {}, text))),
    el("button", { type: "button", class: "button secondary big", onclick: onNew }, S.new_session));
}
