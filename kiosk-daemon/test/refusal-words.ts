/**
 * What a refusal on the kiosk's screen must say, for the browser specs (`kiosk-page.ts`): what
 * happened and what to do next, in words of the language on screen, never a code, a message key
 * or the other language.
 */

export interface RefusalText {
  readonly code: string | null;
  readonly what: string;
  readonly next: string;
}

export interface BilingualRefusal {
  readonly zh: RefusalText;
  readonly en: RefusalText;
}

const HAN = /[\u4e00-\u9fff]/;
/** a code or a message key on screen: SOME_CODE, errors.X, withdraw.special */
const RAW_KEY = /[A-Z]{2,}_[A-Z_]+|\b[a-z]+\.[a-zA-Z]+\b/;

/** Both parts of a refusal are said, in the language on screen and in no other. */
export function expectWordsOf(locale: 'zh-CN' | 'en', refusal: RefusalText): void {
  for (const part of [refusal.what, refusal.next]) {
    expect(part.trim().length).toBeGreaterThan(1);
    expect(part).not.toMatch(RAW_KEY);
    if (locale === 'zh-CN') {
      expect(part).toMatch(HAN);
      expect(part).not.toMatch(/[A-Za-z]{2,}/);
    } else {
      expect(part).not.toMatch(HAN);
      expect(part).toMatch(/[A-Za-z]{3,}/);
    }
  }
}
