// Pose estimation off the page's main thread, so the player's clock, counts and voice
// never wait for the model. A classic worker (not a module): tasks-vision loads its
// wasm loader with importScripts(), which module workers do not have.
//
// Privacy: frames arrive as ImageBitmaps from the page and are closed here after the
// model has seen them; nothing in this worker opens a network connection except to
// load the model and runtime from Backcoach itself, once.
/* global Vision, importScripts */

let landmarker = null;
let analysis = null;

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
  if (assets.motionUrl) analysis = await import(assets.motionUrl);
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
  postMessage({ type: "pose", time, landmarks, poseMs: performance.now() - started });
}

onmessage = async ({ data }) => {
  try {
    if (data.type === "init") await init(data);
    else if (data.type === "frame") detect(data);
  } catch (error) {
    postMessage({ type: "error", message: String(error?.message ?? error) });
  }
};
