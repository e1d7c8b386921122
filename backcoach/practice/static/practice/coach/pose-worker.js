// Pose estimation off the page's main thread, so the player's clock, counts and voice
// never wait for the model. A classic worker (not a module): tasks-vision loads its
// wasm loader with importScripts(), which module workers do not have.
//
// Privacy: frames arrive as ImageBitmaps from the page and are closed here after the
// model has seen them; nothing in this worker opens a network connection except to
// load the model and runtime from Backcoach itself, once.
/* global Vision, importScripts */

let landmarker = null;
let motion = null; // the motion core's module (motion.js), loaded with the model
let analyzer = null; // the exercise being counted, or null during set-up
let reported = 0; // repetitions of the analyzer already sent to the page

async function init(assets) {
  importScripts(assets.visionUrl);
  // Every current phone browser has WebAssembly SIMD; the other runtime is the fallback.
  const simd = !assets.wasmLoaderNoSimdUrl || (await Vision.FilesetResolver.isSimdSupported());
  const fileset = simd
    ? { wasmLoaderPath: assets.wasmLoaderUrl, wasmBinaryPath: assets.wasmBinaryUrl }
    : { wasmLoaderPath: assets.wasmLoaderNoSimdUrl, wasmBinaryPath: assets.wasmBinaryNoSimdUrl };
  landmarker = await Vision.PoseLandmarker.createFromOptions(
    fileset,
    {
      baseOptions: { modelAssetPath: assets.modelUrl, delegate: "CPU" },
      runningMode: "VIDEO",
      numPoses: 1,
    },
  );
  motion = await import(assets.motionUrl);
  postMessage({ type: "ready" });
}

function detect({ bitmap, time }) {
  const started = performance.now();
  let landmarks = null;
  try {
    const result = landmarker.detectForVideo(bitmap, time * 1000);
    const found = result.landmarks[0];
    if (found) landmarks = found.map((p) => [p.x, p.y, p.z, p.visibility ?? 0]);
  } finally {
    bitmap.close();
  }
  const poseMs = performance.now() - started;
  const message = { type: "pose", time, landmarks, poseMs };
  if (analyzer) {
    const before = performance.now();
    message.events = analyzer.push(time, landmarks);
    message.analysisMs = performance.now() - before;
    message.live = analyzer.live;
    const done = analyzer.repetitions;
    message.completed = done.slice(reported);
    reported = done.length;
  }
  postMessage(message);
}

function exercise({ signal, tracker, aspectRatio, minVisibility }) {
  analyzer = motion.createAnalyzer(signal, tracker, { aspectRatio, minVisibility });
  reported = 0;
}

function finish() {
  if (!analyzer) return;
  const result = analyzer.finish();
  postMessage({ type: "finished", result, completed: result.repetitions.slice(reported) });
  analyzer = null;
}

onmessage = async ({ data }) => {
  try {
    if (data.type === "init") await init(data);
    else if (data.type === "frame") detect(data);
    else if (data.type === "exercise") exercise(data);
    else if (data.type === "finish") finish();
  } catch (error) {
    postMessage({ type: "error", message: String(error?.message ?? error) });
  }
};
