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

export function redFlagStop(program, yes) {
  const phone = program.clinic.phone;
  show("red-flag-stop",
    el("h2", {}, S.stop_title),
    el("ul", { class: "advice" }, program.red_flags.items.filter((f) => yes.includes(f.id)).map((f) =>
      el("li", {}, el("strong", {}, f.symptom), " ", f.advice))),
    el("p", {}, program.clinic.name),
    phone
      ? el("p", {}, el("a", { class: "button phone big", href: "tel:" + phone.replace(/[^+\d]/g, "") }, format(S.call, { phone })))
      : el("p", {}, S.call_practice),
    el("p", {}, program.red_flags.out_of_hours));
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

/** The exercise's animation (an SVG file, cached by the service worker). */
export function figure(exercise, variant) {
  const picture = exercise.illustrations[variant || "all"] || exercise.illustrations.all;
  const label = exercise.variants.find((v) => v.id === variant)?.label;
  const alt = label ? `${exercise.title}: ${label}` : exercise.title;
  return el("div", { class: "figure" },
    picture ? el("img", { src: picture.src, alt, width: picture.width, height: picture.height }) : null);
}

/** The screen during an exercise; returns handles the engine updates. */
export function exerciseRunning({ exercise, controls }) {
  const cue = el("p", { class: "cue" });
  const count = el("p", { class: "count", "aria-hidden": "true" });
  const countLabel = el("p", { class: "count-label" });
  const repetition = el("p", { class: "repetition" });
  const pictures = el("div", { class: "figure-slot" }, figure(exercise, exercise.variants[0]?.id));
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
        pictures.replaceChildren(figure(exercise, variant));
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

export function summary({ program, results, onNew }) {
  const byId = Object.fromEntries(program.exercises.map((e) => [e.id, e]));
  const list = (name, filter) => {
    const items = results.filter(filter).map((r) => el("li", { "data-exercise": r.exercise_id }, `${byId[r.exercise_id].number}. ${byId[r.exercise_id].title}`));
    return items.length ? el("ul", { "data-list": name }, items) : el("p", { "data-list": name }, S.none);
  };
  show("summary",
    el("h2", {}, S.summary_title),
    el("h3", {}, S.done), list("done", (r) => !r.skipped && !r.stopped && !r.stopped_for_pain),
    el("h3", {}, S.stopped), list("stopped", (r) => r.stopped || r.stopped_for_pain),
    el("h3", {}, S.skipped), list("skipped", (r) => r.skipped),
    el("h3", {}, S.painful), list("painful", (r) => r.pain_nrs !== null || r.stopped_for_pain),
    el("h3", {}, S.posture_title),
    el("ul", { class: "posture" }, program.posture_advice.map((text) => el("li", {}, text))),
    el("button", { type: "button", class: "button secondary big", onclick: onNew }, S.new_session));
}
