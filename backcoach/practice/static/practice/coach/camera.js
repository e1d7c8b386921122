// The camera and the pose model, for the camera coach. Loaded only when the patient
// turns the camera on: the player's first load does not carry any of it.
//
// Frames go from the <video> to the pose worker as ImageBitmaps and stay on the device;
// only landmarks come back, to draw the skeleton and feed the motion analysis.

// Frames are made this wide before the pose model, as the Python analysis does
// (backcoach/motion/video.py, ANALYSED_WIDTH): the models work at 224-256 px inside, the
// detector finds a lying person more reliably in the smaller picture, and it costs less.
export const ANALYSED_WIDTH = 256;

export class CameraError extends Error {
  constructor(kind, cause) {
    super(kind);
    this.kind = kind; // "denied", "missing", "busy", "unsupported", "model"
    this.cause = cause;
  }
}

/** What getUserMedia's failures mean for the patient, as one of CameraError's kinds. */
export function cameraErrorKind(error) {
  switch (error?.name) {
    case "NotAllowedError":
    case "SecurityError":
      return "denied";
    case "NotFoundError":
    case "OverconstrainedError":
      return "missing";
    case "NotReadableError":
    case "AbortError":
      return "busy";
    default:
      return "unsupported";
  }
}

// Every stream the coach opened, kept so that anyone (and the tests) can check that
// each one's tracks have ended: the camera is off when the coach is.
const opened = (globalThis.backcoachCameraStreams ??= []);

export async function openCamera(video) {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError("unsupported");
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: "user", width: { ideal: 640 }, height: { ideal: 480 } },
    });
  } catch (error) {
    throw new CameraError(cameraErrorKind(error), error);
  }
  opened.push(stream);
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();
  return stream;
}

/**
 * Pose landmarks from a playing <video>, one frame at a time: a frame is sent to the
 * worker only when it has answered the previous one, so a slow phone drops frames
 * instead of falling behind the patient.
 */
export class PoseTracker {
  constructor(assets, onPose) {
    this.assets = assets;
    this.onPose = onPose;
    this.worker = null;
    this.video = null;
    this.busy = false;
    this.running = false;
    this.origin = null;
  }

  async start(video) {
    this.video = video;
    this.worker = new Worker(this.assets.workerUrl);
    const ready = new Promise((resolve, reject) => {
      this.worker.onmessage = ({ data }) => {
        if (data.type === "ready") resolve();
        else if (data.type === "error") reject(new CameraError("model", data.message));
        else if (data.type === "pose") this.received(data);
      };
      this.worker.onerror = (event) => reject(new CameraError("model", event.message));
    });
    this.worker.postMessage({ type: "init", ...this.assets });
    await ready;
    this.running = true;
    this.next();
  }

  next() {
    if (!this.running) return;
    if ("requestVideoFrameCallback" in this.video) {
      this.video.requestVideoFrameCallback(() => this.capture());
    } else {
      requestAnimationFrame(() => this.capture());
    }
  }

  async capture() {
    if (!this.running) return;
    if (this.busy || this.video.readyState < 2) return this.next();
    this.busy = true;
    const now = performance.now() / 1000;
    this.origin ??= now;
    try {
      const { videoWidth: w, videoHeight: h } = this.video;
      const size = w > ANALYSED_WIDTH ? { resizeWidth: ANALYSED_WIDTH, resizeHeight: Math.round((ANALYSED_WIDTH * h) / w), resizeQuality: "medium" } : {};
      const bitmap = await createImageBitmap(this.video, size);
      this.worker.postMessage({ type: "frame", bitmap, time: now - this.origin }, [bitmap]);
    } catch {
      this.busy = false;
    }
    this.next();
  }

  received(data) {
    this.busy = false;
    if (this.running) this.onPose(data);
  }

  stop() {
    this.running = false;
    this.worker?.terminate();
    this.worker = null;
  }
}

/** Stop every track: the camera light goes off and the browser releases the device. */
export function closeCamera(video) {
  const stream = video?.srcObject;
  stream?.getTracks().forEach((track) => track.stop());
  if (video) video.srcObject = null;
}
