// Runs the browser's motion core over inputs test_coach_streams.py writes, for it to
// compare with Python's: argv[2] is a JSON file of cases, each either
// {config, times, values} (a tracker fed measures) or {signal, aspect_ratio, frames}
// (the per-frame measure; a frame's landmarks as arrays, or as tasks-vision's objects).
import { readFileSync } from "node:fs";
import { createAnalyzer, createTracker } from "../../backcoach/practice/static/practice/coach/motion.js";

function track({ config, times, values }) {
  const tracker = createTracker(config);
  const events = [];
  times.forEach((t, i) => events.push(...tracker.push(t, values[i])));
  events.push(...tracker.finish());
  return { count: tracker.repetitions.length, repetitions: tracker.repetitions, events };
}

function measure({ signal, aspect_ratio: aspectRatio, frames, objects }) {
  const analyzer = createAnalyzer(signal, null, { aspectRatio });
  return frames.map((frame) => {
    const rows = objects ? frame.map(([x, y, z, visibility]) => ({ x, y, z, visibility })) : frame;
    return analyzer.measure(rows);
  });
}

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
process.stdout.write(JSON.stringify(cases.map((c) => ("signal" in c ? measure(c) : track(c)))));
