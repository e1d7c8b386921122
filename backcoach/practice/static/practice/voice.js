// Spoken cues (Web Speech API) with a text fallback, and a soft tick made with Web Audio.
// Everything said (or that would have been said) is logged in window.backcoachSpeechLog.

const log = (window.backcoachSpeechLog = []);
let voice = null;
let language = "nl-NL";
let volume = 0.8;
let muted = false;
let audio = null;

function pickVoice() {
  if (!("speechSynthesis" in window)) return null;
  const voices = window.speechSynthesis.getVoices();
  const base = language.split("-")[0];
  return voices.find((v) => v.lang === language) || voices.find((v) => v.lang.split(/[-_]/)[0] === base) || null;
}

/** Choose the session language; resolves with whether a voice exists for it. */
export function setLanguage(lang) {
  language = lang;
  voice = pickVoice();
  if (!voice && "speechSynthesis" in window) {
    // Chrome loads voices lazily: look again once they arrive.
    return new Promise((resolve) => {
      const done = () => resolve(Boolean((voice = pickVoice())));
      window.speechSynthesis.addEventListener("voiceschanged", done, { once: true });
      setTimeout(done, 300);
    });
  }
  return Promise.resolve(Boolean(voice));
}

export const hasVoice = () => Boolean(voice);

export function setVolume(value) {
  volume = Math.min(1, Math.max(0, value));
}

export function setMuted(value) {
  muted = value;
  if (muted && "speechSynthesis" in window) window.speechSynthesis.cancel();
}

// If a voice never reports the end of an utterance, stop waiting for it after this.
const LONGEST_UTTERANCE_MS = 20000;

/**
 * Say a cue (queued after what is being said); always logged and announced.
 * Resolves when it has been spoken: at once when there is no voice or it is muted.
 */
export function say(text, kind = "cue") {
  log.push({ text, kind, lang: language, voiced: Boolean(voice) && !muted, t: performance.now() });
  const announcer = document.getElementById("announcer");
  if (announcer) announcer.textContent = text;
  if (!voice || muted) return Promise.resolve();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = language;
  utterance.volume = volume;
  utterance.rate = 0.9; // calm, as the leaflet asks
  const spoken = new Promise((resolve) => {
    utterance.onend = utterance.onerror = resolve; // cancel() ends it with an error
    setTimeout(resolve, LONGEST_UTTERANCE_MS);
  });
  window.speechSynthesis.speak(utterance);
  return spoken;
}

export function cancel() {
  if ("speechSynthesis" in window) window.speechSynthesis.cancel();
}

/** Needs a user gesture first (browsers keep audio silent until then). */
export function unlockAudio() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!audio && Context) audio = new Context();
  if (audio && audio.state === "suspended") audio.resume();
}

export function tick(high = false) {
  if (!audio || muted || volume === 0) return;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = high ? 880 : 660;
  gain.gain.setValueAtTime(0.15 * volume, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.08);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + 0.09);
}
