// The camera coach: the camera, the pose worker, the set-up and the live count, for the
// session player. Loaded with import() only when the patient turns the camera on.
//
// It tells the player what it sees through events ("count", "completed", "lost",
// "found", "feedback", "state"); the player keeps its paced timer as the fallback, so
// the camera can fail, lose the patient or be turned off at any moment.
import { CameraError, closeCamera, openCamera, PoseTracker } from "./camera.js";
import { Readiness } from "./readiness.js";
import { drawSkeleton } from "./skeleton.js";

const FEEDBACK_COOLDOWN_SECONDS = 8; // one spoken correction at most this often
// No pose answer for this long (a phone busy elsewhere): the live state is not known.
// Losing sight of the patient is the analysis's own call (its tracking_lost event).
const LIVE_POSE_SECONDS = 2.0;

export { CameraError };

// What the coach heard from the analysis, for tests and for anyone curious: only codes,
// times and numbers, like everything else the coach keeps.
const eventLog = (window.backcoachCoachEvents = []);

export class Coach extends EventTarget {
  /** `setup`: the coach config (coach.json), `preview`: { video, canvas, status } elements. */
  constructor(setup, preview, say) {
    super();
    this.setup = setup;
    this.S = setup.strings;
    this.preview = preview;
    this.say = say;
    this.tracker = null;
    this.readiness = null;
    this.exercise = null; // the exercise's coach config while one is analysed
    this.live = { tracking: false, away: false, held: false, time: 0 };
    this.lastFeedback = -Infinity;
    this.completed = []; // repetitions the analysis finished, with their measured phases
    this.count = 0; // repetitions counted in the exercise being analysed
    this.poseMs = [];
    this.lastPose = null;
  }

  async start() {
    await openCamera(this.preview.video);
    this.tracker = new PoseTracker(this.setup.assets, (pose) => this.received(pose));
    try {
      await this.tracker.start(this.preview.video);
    } catch (error) {
      this.stop();
      throw error instanceof CameraError ? error : new CameraError("model", error);
    }
  }

  get aspect() {
    const { videoWidth, videoHeight } = this.preview.video;
    return videoWidth && videoHeight ? videoWidth / videoHeight : 4 / 3;
  }

  /** Say where the phone goes, then wait until the body is in view and still ("I can see you"). */
  async setUp(exerciseId, signal) {
    const config = this.setup.exercises[exerciseId];
    this.readiness = new Readiness(config, this.aspect);
    this.analysing = null;
    this.say(config.placement, "coach");
    let said = null;
    return new Promise((resolve, reject) => {
      const onState = ({ detail }) => {
        if (detail === said) return;
        // Only the states worth saying out loud; "hold still" is said once, not on every flicker.
        said = detail;
        this.status(this.S[detail]);
        if (detail === "seen") {
          this.removeEventListener("readiness", onState);
          this.say(this.S.seen, "coach");
          resolve();
        } else if (detail !== "hold_still") {
          this.say(this.S[detail], "coach");
        }
      };
      this.addEventListener("readiness", onState);
      signal?.addEventListener("abort", () => {
        this.removeEventListener("readiness", onState);
        reject(signal.reason);
      }, { once: true });
    });
  }

  /** Start counting an exercise: from now on each pose goes through the motion analysis. */
  begin(exerciseId) {
    this.exercise = this.setup.exercises[exerciseId];
    this.readiness = null;
    this.completed = [];
    this.count = 0;
    this.tracker.worker.postMessage({
      type: "exercise",
      signal: this.exercise.signal,
      tracker: this.exercise.tracker,
      aspectRatio: this.aspect,
      minVisibility: this.exercise.min_visibility,
    });
    this.live = { tracking: true, away: false, held: false, time: 0 };
  }

  end() {
    this.tracker?.worker?.postMessage({ type: "finish" });
    this.exercise = null;
  }

  received(pose) {
    this.lastPose = pose;
    this.poseMs.push(pose.poseMs);
    drawSkeleton(this.preview.canvas, pose.landmarks, {
      needed: this.exercise?.landmarks ?? this.readiness?.needed ?? [],
    });
    if (this.readiness) {
      const state = this.readiness.push(pose.time, pose.landmarks);
      this.dispatchEvent(new CustomEvent("readiness", { detail: state }));
    }
    if (pose.live) this.live = { ...this.live, ...pose.live, time: pose.time };
    if (pose.completed?.length) this.completed.push(...pose.completed);
    for (const event of pose.events ?? []) this.handle(event);
  }

  handle(event) {
    eventLog.push({ code: event.code, time: event.time, values: event.values });
    const v = event.values ?? {};
    switch (event.code) {
      case "rep_counted":
        this.count += 1;
        this.dispatchEvent(new CustomEvent("count", { detail: { count: v.count, side: v.side ?? null, time: event.time } }));
        break;
      case "rep_completed":
        this.dispatchEvent(new CustomEvent("completed", { detail: { index: v.index, time: event.time } }));
        break; // its measured phases arrive with the pose message (`completed`)
      case "tracking_lost":
        this.live.tracking = false;
        this.status(this.S.tracking_lost);
        this.say(this.S.tracking_lost, "coach");
        this.dispatchEvent(new CustomEvent("lost"));
        break;
      case "tracking_resumed":
        this.live.tracking = true;
        this.status(this.S.tracking_resumed);
        this.say(this.S.tracking_resumed, "coach");
        this.dispatchEvent(new CustomEvent("found"));
        break;
      case "too_fast":
      case "hold_short":
        this.feedback(event);
        break;
      default:
        break;
    }
  }

  /** A tempo correction, spoken at most once per cooldown so the patient is not nagged. */
  feedback(event) {
    if (event.time - this.lastFeedback < FEEDBACK_COOLDOWN_SECONDS) return;
    this.lastFeedback = event.time;
    const values = Object.fromEntries(Object.entries(event.values ?? {}).map(([k, x]) => [k, typeof x === "number" ? Math.round(x) : x]));
    const text = this.S[event.code].replace(/%\((\w+)\)s/g, (_, key) => String(values[key]));
    this.say(text, "coach");
    this.dispatchEvent(new CustomEvent("feedback", { detail: { code: event.code, text } }));
  }

  /** The repetitions the analysis finished and nobody took yet (index, out/hold/back seconds, side). */
  takeCompleted() {
    return this.completed.splice(0, 1);
  }

  /** True while the analysis sees the patient held away from rest (the hold's countdown runs). */
  held() {
    return this.tracking() && this.live.held;
  }

  /** True while the analysis sees the patient back at rest. */
  atRest() {
    return this.tracking() && !this.live.away;
  }

  tracking() {
    const fresh = this.lastPose && performance.now() / 1000 - (this.tracker?.origin ?? 0) - this.lastPose.time < LIVE_POSE_SECONDS;
    return Boolean(this.exercise && this.live.tracking && fresh);
  }

  status(text) {
    if (this.preview.status) this.preview.status.textContent = text;
  }

  stop() {
    this.tracker?.stop();
    this.tracker = null;
    closeCamera(this.preview.video);
    this.exercise = null;
    this.readiness = null;
  }
}
