// The guided session: red-flag check, pain now, the eight exercises, pain after,
// summary. Everything is saved on the device at once and sent to the server when
// the patient is logged in. Add ?timescale=0.05 to the address to run fast (tests).
import { currentStep, doseAtStep, doseRules } from "./dose.js";
import { Clock, Stopped, format, repetitionPlan, runExercise } from "./engine.js";
import { pacedEntry, recordRepetition } from "./repetitions.js";
import * as screens from "./screens.js";
import * as store from "./store.js";
import * as sync from "./sync.js";
import * as voice from "./voice.js";

const root = document.getElementById("player");
const S = JSON.parse(document.getElementById("player-strings").textContent);
const isPatient = root.dataset.patient === "1";
const api = root.dataset.api;
const timescale = Math.min(1, Math.max(0.01, Number(new URLSearchParams(location.search).get("timescale")) || 1));
const el = screens.el;
screens.setStrings(S);

let program = null;
let programText = ""; // the program as loaded, for the offline cache
let clock = null;
let controller = null;
let wakeLock = null;
let camera = null; // the camera coach (camera-coach.js), imported when first asked for
const cameraAvailable = Boolean(navigator.mediaDevices?.getUserMedia);

const uuid = () => crypto.randomUUID();
const now = () => new Date().toISOString();

function showSyncStatus(waiting) {
  const status = document.getElementById("sync-status");
  if (!isPatient) status.textContent = S.saved_device;
  else status.textContent = waiting ? format(S.waiting_to_send, { n: waiting }) : S.saved_server;
  root.dataset.outbox = String(waiting);
}

async function persistSession(session) {
  await store.saveSession(session, isPatient);
  if (isPatient) sync.flush(api);
}

async function persistResult(result) {
  await store.saveResult(result, isPatient);
  if (isPatient) sync.flush(api);
}

async function keepAwake() {
  try {
    if ("wakeLock" in navigator && document.visibilityState === "visible") wakeLock = await navigator.wakeLock.request("screen");
  } catch {
    wakeLock = null; // not allowed (battery saver, no user gesture): the session still works
  }
}

document.addEventListener("visibilitychange", () => {
  if (wakeLock !== null && document.visibilityState === "visible") keepAwake();
});

/** Ask the service worker to keep this program and its pictures for offline sessions. */
async function warmOfflineCache() {
  if (!("serviceWorker" in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.ready;
    const pictures = program.exercises.flatMap((e) => Object.values(e.illustrations).map((p) => p.src));
    const channel = new MessageChannel();
    const answer = new Promise((resolve) => { channel.port1.onmessage = (event) => resolve(event.data); });
    // Hand over the program already loaded: fetching it again would load the patient's
    // doses (and write an audit entry) a second time for one session start.
    const loaded = { url: root.dataset.programUrl, body: programText };
    registration.active.postMessage({ type: "warm", urls: pictures, loaded }, [channel.port2]);
    root.dataset.offline = (await answer).ok ? "ready" : "failed";
  } catch {
    root.dataset.offline = "failed"; // the session still works online
  }
}

async function main() {
  if ("serviceWorker" in navigator) navigator.serviceWorker.register(root.dataset.sw, { scope: root.dataset.scope }).catch(() => {});
  try {
    const response = await fetch(root.dataset.programUrl, { credentials: "same-origin" });
    if (!response.ok) throw new Error(response.statusText);
    programText = await response.text();
    program = JSON.parse(programText);
  } catch {
    screens.message("load-failed", S.load_failed);
    return;
  }
  warmOfflineCache();

  const voiced = await voice.setLanguage(program.voice_language);
  const voiceStatus = document.getElementById("voice-status");
  voiceStatus.hidden = false;
  voiceStatus.textContent = voiced ? S.voice_on : S.no_voice;
  voiceStatus.classList.toggle("no-voice", !voiced);
  root.dataset.voice = voiced ? "on" : "text";
  sync.onChange(showSyncStatus);
  showSyncStatus(0);
  if (isPatient) {
    sync.start(api);
    sync.uploadHistoryOnce(api).then((outcome) => { root.dataset.history = outcome; });
  }
  const progress = await store.getState("progress");
  if (progress && progress.version === program.program.version) {
    const go = await screens.choice("resume", S.resume_title, [["resume", S.resume_button], ["new", S.new_session]]);
    voice.unlockAudio();
    if (go === "resume") return runExercises(progress);
    await store.clearState("progress");
  }
  return newSession();
}

async function newSession() {
  const answers = await screens.redFlags(program);
  voice.unlockAudio();
  const session = {
    uuid: uuid(), program: program.program.id, program_version: program.program.version,
    language: program.language, started_at: now(), ended_at: null, pain_before: null,
    pain_after: null, outcome: "in-progress", how_it_went: "", red_flags: [],
    // The prescription this session runs: it keeps it even if the clinic changes it meanwhile.
    prescription_version: program.prescription ? program.prescription.version : null,
  };
  const yes = Object.keys(answers).filter((id) => answers[id]);
  if (yes.length) {
    Object.assign(session, { outcome: "red-flag", red_flags: yes, ended_at: now() });
    await persistSession(session);
    screens.redFlagStop(program, yes);
    for (const flag of program.red_flags.items.filter((f) => yes.includes(f.id))) voice.say(flag.advice, "advice");
    return;
  }
  session.pain_before = await screens.nrs("pain-before", S.pain_now);
  await persistSession(session);
  // The exercises as prescribed when the session began: a resumed session keeps them.
  const progress = { version: program.program.version, session, exercises: program.exercises, exerciseIndex: 0, rep: 0, result: null, results: [] };
  await store.setState("progress", progress);
  return runExercises(progress);
}

async function doseFor(exercise) {
  const rules = doseRules(program.pain_rules);
  let step;
  if (program.dose_steps) step = program.dose_steps[exercise.id] ?? 0;
  else step = currentStep((await store.attemptHistories())[exercise.id] || [], rules);
  return doseAtStep(exercise.dose.reps, step, rules);
}

function controls(onHurts) {
  const pause = el("button", { type: "button", class: "button secondary control pause", "aria-pressed": "false", onclick: () => togglePause() }, S.pause);
  const volume = el("input", { type: "range", min: "0", max: "100", value: "80", id: "volume", oninput: (e) => voice.setVolume(e.target.value / 100) });
  const mute = el("button", { type: "button", class: "button secondary control mute", "aria-pressed": "false", onclick: () => {
    const muted = mute.getAttribute("aria-pressed") !== "true";
    mute.setAttribute("aria-pressed", String(muted));
    voice.setMuted(muted);
  } }, S.mute);
  return el("div", { class: "controls" },
    el("button", { type: "button", class: "button hurts big", onclick: onHurts }, S.hurts),
    el("div", { class: "control-row" },
      pause,
      el("button", { type: "button", class: "button secondary control skip", onclick: () => controller?.abort("skip") }, S.skip),
      el("button", { type: "button", class: "button secondary control stop", onclick: () => controller?.abort("stop") }, S.stop)),
    el("div", { class: "control-row volume-row" }, el("label", { for: "volume" }, S.volume), volume, mute));
}

function togglePause() {
  if (!clock) return;
  const button = document.querySelector(".control.pause");
  if (clock.paused) {
    clock.resume();
    screens.pauseAnimations(false);
    root.dataset.paused = "false";
    voice.say(program.ui.resumed, "control");
  } else {
    clock.pause();
    screens.pauseAnimations(true);
    voice.cancel();
    root.dataset.paused = "true";
    voice.say(program.ui.paused, "control");
  }
  if (button) {
    button.textContent = clock.paused ? S.resume : S.pause;
    button.setAttribute("aria-pressed", String(clock.paused));
  }
  const status = document.getElementById("sync-status");
  if (clock.paused) status.textContent = S.paused_status;
  else showSyncStatus(Number(root.dataset.outbox || 0));
}

document.addEventListener("keydown", (event) => {
  const target = event.target;
  const typing = target instanceof HTMLButtonElement || target instanceof HTMLInputElement || target instanceof HTMLAnchorElement;
  if (event.code === "Space" && !typing && root.dataset.screen === "exercise-running") {
    event.preventDefault();
    togglePause();
  }
});

/** "This hurts": pause, ask how much in a dialog over the exercise, offer to stop it.
 * Escape closes the dialog as "go on" (what was already answered is kept), like any dialog. */
async function hurts(progress) {
  if (!clock || root.dataset.dialog === "open") return;
  const wasPaused = clock.paused;
  clock.pause();
  screens.pauseAnimations(true);
  voice.cancel();
  root.dataset.dialog = "open";
  const main = document.getElementById("screen");
  const dialog = el("div", { class: "pain-dialog screen", role: "dialog", "aria-modal": "true", "aria-label": S.hurts });
  main.hidden = true;
  main.after(dialog);
  screens.setTarget(dialog);
  let onEscape;
  const escaped = new Promise((resolve) => {
    onEscape = (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      resolve("escape");
    };
  });
  document.addEventListener("keydown", onEscape);
  const pain = await Promise.race([screens.nrs("pain-during", S.pain_exercise, [el("p", {}, program.pain_rules.during_exercise)]), escaped]);
  let choice = "go-on";
  if (pain !== "escape") {
    progress.result.pain_nrs = Math.max(progress.result.pain_nrs ?? 0, pain);
    await store.setState("progress", progress);
    choice = await Promise.race([screens.choice("pain-stop", S.stop_exercise_question, [["stop", S.stop_exercise], ["go-on", S.go_on]]), escaped]);
  }
  document.removeEventListener("keydown", onEscape);
  screens.setTarget(null);
  dialog.remove();
  main.hidden = false;
  root.dataset.dialog = "";
  root.dataset.screen = "exercise-running";
  main.querySelector(".hurts")?.focus();
  if (choice === "stop") {
    progress.result.stopped_for_pain = true;
    controller.abort("pain");
    clock.resume();
    screens.pauseAnimations(false);
  } else if (!wasPaused) {
    clock.resume();
    screens.pauseAnimations(false);
  }
}

/** The program as this session began it (a resumed session keeps its prescription). */
function sessionProgram(progress) {
  return progress.exercises ? { ...program, exercises: progress.exercises } : program;
}

async function runExercises(progress) {
  clock = new Clock(timescale);
  await keepAwake();
  let stopped = false;
  const exercises = sessionProgram(progress).exercises;
  while (progress.exerciseIndex < exercises.length && !stopped) {
    const exercise = exercises[progress.exerciseIndex];
    const dose = progress.result?.exercise_id === exercise.id ? doseAtStep(exercise.dose.reps, progress.result.dose_step, doseRules(program.pain_rules)) : await doseFor(exercise);
    progress.result ??= {
      uuid: uuid(), session: progress.session.uuid, exercise_id: exercise.id, reps_done: {},
      dose_step: dose.step, pain_nrs: null, skipped: false, stopped_for_pain: false, stopped: false, completed_at: null,
      repetitions: [],
    };
    await store.setState("progress", progress);
    const plan = repetitionPlan(exercise, dose.reps);
    const resumeAt = progress.rep > 0 ? `${plan[progress.rep].variant ? exercise.variants.find((v) => v.id === plan[progress.rep].variant).label + ": " : ""}${plan[progress.rep].n} / ${dose.reps}` : null;
    const doseAdvice = dose.step ? program.pain_rules.dose_steps[dose.step - 1].advice : null;
    voice.say(format(program.ui.exercise_intro, { number: exercise.number, title: exercise.title }), "intro");
    await screens.exerciseIntro({ program: sessionProgram(progress), exercise, index: progress.exerciseIndex, dose, doseAdvice, resumeAt, camera: cameraAvailable ? cameraOffer() : null });
    controller = new AbortController();
    if (camera?.on) await coachSetUp(exercise);
    if (doseAdvice) voice.say(doseAdvice, "dose");
    if (exercise.breathing_cue) voice.say(exercise.breathing_cue, "breathing");
    const activeUi = screens.exerciseRunning({ exercise, controls: controls(() => hurts(progress)) });
    activeUi.perVariant(progress.result.reps_done, dose.reps);
    let reason = null;
    try {
      await runExercise({
        exercise, reps: dose.reps, program, clock, signal: controller.signal, say: voice.say, tick: voice.tick, ui: activeUi,
        fromRep: progress.rep,
        gates: camera?.on ? camera.gates() : null,
        onRepetition: async (index) => {
          progress.rep = index;
          await store.setState("progress", progress);
        },
        onRepetitionDone: async (variant, done) => {
          // Measured by the camera, or what the timer ran (not the patient's own tempo).
          recordRepetition(progress, done.measured ? { ...done.measured, variant, n: done.n, source: "camera" } : pacedEntry(variant, done.n, done.phases));
          const key = variant || "all";
          progress.result.reps_done[key] = (progress.result.reps_done[key] || 0) + 1;
          activeUi.perVariant(progress.result.reps_done, dose.reps);
          progress.rep += 1;
          await store.setState("progress", progress);
        },
      });
      voice.say(program.ui.exercise_done, "done");
    } catch (error) {
      if (!(error instanceof Stopped)) throw error;
      reason = error.reason;
    }
    camera?.endExercise();
    if (clock.paused) togglePause();
    const result = { ...progress.result, skipped: reason === "skip", stopped: reason === "stop", completed_at: now() };
    await persistResult(result);
    progress.results.push(result);
    progress.exerciseIndex += 1;
    progress.rep = 0;
    progress.result = null;
    await store.setState("progress", progress);
    stopped = reason === "stop";
  }
  clock = null;
  if (wakeLock) wakeLock.release().catch(() => {});
  wakeLock = null;
  return finish(progress, stopped);
}

/** "Use the camera to count": the coach's code is fetched only when the patient asks for it. */
function cameraOffer() {
  if (camera) return camera.offer();
  const box = el("div", { class: "camera-offer" }, el("button", { type: "button", class: "button secondary big use-camera", onclick: async () => {
    // The URL from the page (content-hashed in production), not a relative one.
    const { CameraCoach } = await import(root.dataset.cameraCoachModule);
    camera ??= new CameraCoach({ root, S, say: voice.say, store, configUrl: `${root.dataset.coachConfig}?lang=${program.language}` });
    const offer = camera.offer();
    box.replaceWith(offer);
    offer.querySelector(".use-camera")?.click();
  } }, S.use_camera));
  return box;
}

/** With the camera on: where the phone goes, then wait until the coach sees the patient. */
async function coachSetUp(exercise) {
  const skip = new AbortController();
  screens.coachSetup({ exercise, onWithout: () => { camera.turnOff(); skip.abort("without-camera"); } });
  try {
    await camera.setUp(exercise, skip.signal);
  } catch {
    // Started without the camera: the paced timer counts.
  }
}

async function finish(progress, stopped) {
  camera?.turnOff();
  voice.say(program.ui.session_done, "done");
  const session = progress.session;
  session.pain_after = await screens.nrs("pain-after", S.pain_now);
  session.how_it_went = await screens.choice("how-it-went", S.how_it_went, [["well", S.well], ["okay", S.okay], ["hard", S.hard]]);
  session.ended_at = now();
  session.outcome = stopped ? "stopped" : "completed";
  await persistSession(session);
  await store.clearState("progress");
  const rules = doseRules(program.pain_rules);
  // Prescribed: the dose the exercise ran at (its step), not the program's default.
  const repsFor = (exercise, result) => doseAtStep(exercise.dose.reps, result.dose_step, rules).reps;
  screens.summary({ program: sessionProgram(progress), session, results: progress.results, repsFor, onNew: () => newSession() });
  for (const advice of program.posture_advice) voice.say(advice, "advice");
}

main();
