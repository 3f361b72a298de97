/**
 * Optional spoken prompts: reads a screen's title and hint aloud with the browser's speech
 * synthesis, in the language on screen. Silent where the browser has no voice for it.
 */
import type { Locale } from '@kiosk/domain';

export function speakPrompt(text: string, locale: Locale): void {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (synth === undefined || text.trim() === '') return;
  synth.cancel(); // a new screen interrupts the old prompt
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = locale;
  utterance.rate = 0.9; // a little slower for a noisy hall and older residents
  synth.speak(utterance);
}

export function stopSpeaking(): void {
  if (typeof window !== 'undefined') window.speechSynthesis?.cancel();
}
