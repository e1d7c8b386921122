// The camera coach inside the player: the offer on each exercise's start screen, the
// plain-words privacy notice, the set-up ("I can see you") and the gates the paced
// engine waits on. The coach itself (camera, pose, analysis) is imported only when the
// patient turns the camera on, so the player's first load does not grow.
//
// Whatever goes wrong (no camera, permission denied, the patient out of view, the
// camera turned off), the player goes on with its paced timer and keeps its count.
import { el } from "./screens.js";

const CONSENT = "camera-consent"; // the patient has read the privacy notice on this device
// The engine waits for the patient, not for the clock, while the camera sees them; but
// never for ever. A patient who stays at rest this long is timed by the clock instead
// (they may not manage the movement, or the camera sees it too small):
const HOLD_WAIT_SECONDS = 8; // ... before reaching a hold
const REPETITION_WAIT_SECONDS = 12; // ... before a repetition the camera counts
const MOVING_WAIT_SECONDS = 60; // and however they move, a repetition is over after this

export class CameraCoach {
  constructor({ root, S, say, store, configUrl }) {
    this.root = root;
    this.S = S;
    this.say = say;
    this.store = store;
    this.configUrl = configUrl;
    this.coach = null;
    this.setup = null;
    this.preview = null;
    window.addEventListener("pagehide", () => this.turnOff());
  }

  get on() {
    return this.coach !== null;
  }

  /** The start screen's part: "Use the camera to count", the notice, or the camera's state. */
  offer() {
    const box = el("div", { class: "camera-offer" });
    const render = () => {
      if (this.on) {
        box.replaceChildren(el("p", { class: "camera-on" }, this.setup.strings.counted_by_camera),
          el("button", { type: "button", class: "button secondary camera-off", onclick: () => { this.turnOff(); render(); } }, this.setup.strings.camera_off));
        return;
      }
      const problem = box.dataset.problem ? el("p", { class: "camera-problem", role: "alert" }, box.dataset.problem) : null;
      box.replaceChildren(problem ?? "", el("button", { type: "button", class: "button secondary big use-camera", onclick: () => this.ask(box, render) }, this.S.use_camera));
    };
    render();
    return box;
  }

  async ask(box, render) {
    try {
      this.setup ??= await (await fetch(this.configUrl, { credentials: "same-origin" })).json();
    } catch {
      box.dataset.problem = this.S.camera_unavailable;
      return render();
    }
    const C = this.setup.strings;
    if (await this.store.getState(CONSENT)) return this.start(box, render);
    const notice = el("section", { class: "camera-notice", "aria-labelledby": "camera-notice-title" },
      el("h3", { id: "camera-notice-title", tabindex: "-1" }, C.privacy_title),
      el("p", {}, C.privacy_text), el("p", {}, C.privacy_off),
      el("div", { class: "choices" },
        el("button", { type: "button", class: "button primary big camera-agree", onclick: async () => {
          await this.store.setState(CONSENT, true);
          this.start(box, render);
        } }, C.privacy_agree),
        el("button", { type: "button", class: "button secondary big camera-decline", onclick: () => render() }, C.privacy_decline)));
    box.replaceChildren(notice);
    notice.querySelector("h3").focus();
    this.say(`${C.privacy_title}. ${C.privacy_text}`, "coach");
  }

  async start(box, render) {
    const C = this.setup.strings;
    box.replaceChildren(el("p", { role: "status" }, C.loading));
    this.showPreview();
    try {
      const { Coach } = await import(this.root.dataset.coachModule);
      const coach = new Coach(this.setup, this.preview, this.say);
      await coach.start();
      this.coach = coach;
      this.root.dataset.camera = "on";
      delete box.dataset.problem;
    } catch (error) {
      this.hidePreview();
      const kind = error?.kind ?? "model";
      this.root.dataset.camera = kind;
      box.dataset.problem = C[kind] ?? C.model;
      this.say(box.dataset.problem, "coach");
    }
    render();
    box.querySelector("button")?.focus();
  }

  showPreview() {
    if (this.preview) return;
    const C = this.setup.strings;
    const video = el("video", { muted: true, playsinline: true, "aria-hidden": "true" });
    const canvas = el("canvas", { width: "320", height: "240", role: "img", "aria-label": C.preview_label });
    const status = el("p", { class: "coach-status", role: "status" });
    const off = el("button", { type: "button", class: "button secondary control camera-off", onclick: () => this.turnOff() }, C.camera_off);
    const node = el("div", { class: "coach-preview" }, el("div", { class: "coach-picture" }, video, canvas), status, off);
    this.root.querySelector("#screen").before(node);
    this.preview = { node, video, canvas, status };
  }

  hidePreview() {
    this.preview?.node.remove();
    this.preview = null;
  }

  /** Before an exercise: say where the phone goes and wait until the coach sees the patient. */
  async setUp(exercise, signal) {
    if (!this.on) return;
    if (!this.setup.exercises[exercise.id]) return this.turnOff(); // no motion signal: paced only
    this.root.dataset.coach = "setup";
    await this.coach.setUp(exercise.id, signal);
    this.coach.begin(exercise.id);
    this.root.dataset.coach = "counting";
  }

  /** The gates the engine waits on; all open when the camera is off or has lost the patient. */
  gates() {
    return {
      startRepetition: () => {
        this.countAtStart = this.coach?.count ?? 0;
        this.restingSince = null;
      },
      // The hold's countdown runs only while the patient is seen holding the position.
      hold: () => {
        const coach = this.coach;
        if (!this.on || !coach.tracking() || coach.held()) return true;
        return !coach.live.away && this.restedLongerThan(HOLD_WAIT_SECONDS);
      },
      // A repetition ends when the camera has seen it back at rest; resolves with its
      // measured phases, or null when the timer paced it.
      repetitionDone: (clock, signal) => this.repetitionDone(clock, signal),
    };
  }

  /** Whether the patient has been at rest (not started) longer than `seconds` in a row. */
  restedLongerThan(seconds) {
    if (this.coach.live.away) {
      this.restingSince = null;
      return false;
    }
    this.restingSince ??= performance.now();
    return performance.now() - this.restingSince > seconds * 1000;
  }

  async repetitionDone(clock, signal) {
    if (!this.on) return null;
    const coach = this.coach;
    const counted = () => coach.count > this.countAtStart;
    // The analysis finishes a repetition once it has seen its return settle (about a
    // second after it is back at rest); its measured phases come with it.
    const finished = () => coach.completed.length > 0;
    const giveUp = () => !this.on || !coach.tracking() || (!counted() && this.restedLongerThan(REPETITION_WAIT_SECONDS));
    this.restingSince = null;
    for (let waited = 0; waited < MOVING_WAIT_SECONDS && !finished() && !giveUp(); waited += 0.1) {
      // Real seconds (the patient's own pace), paused with the player.
      await clock.wait(0.1, signal, { scaled: false });
    }
    return finished() ? coach.takeCompleted()[0] : null;
  }

  /** After an exercise (done, skipped or stopped): the camera goes off. The patient
   * turns it on again for the next one with one tap; the notice is not shown twice. */
  endExercise() {
    this.coach?.end();
    if (this.root.dataset.coach) this.root.dataset.coach = "idle";
    this.turnOff();
  }

  turnOff() {
    this.coach?.stop();
    this.coach = null;
    this.hidePreview();
    if (this.root.dataset.camera === "on") this.root.dataset.camera = "off";
  }
}
