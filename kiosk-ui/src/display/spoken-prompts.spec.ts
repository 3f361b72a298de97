import { speakPrompt, stopSpeaking } from './spoken-prompts';

class FakeUtterance {
  lang = '';
  rate = 1;
  constructor(readonly text: string) {}
}

describe('spoken prompts', () => {
  const spoken: FakeUtterance[] = [];
  let cancels = 0;
  const globals = globalThis as Record<string, unknown>;

  beforeEach(() => {
    spoken.length = 0;
    cancels = 0;
    globals.window = {
      speechSynthesis: { speak: (u: FakeUtterance) => spoken.push(u), cancel: () => (cancels += 1) },
    };
    globals.SpeechSynthesisUtterance = FakeUtterance;
  });

  afterEach(() => {
    delete globals.window;
    delete globals.SpeechSynthesisUtterance;
  });

  it('reads the prompt in the language on screen, a little slower, cutting off the previous one', () => {
    speakPrompt('请插入社会保障卡。芯片朝前。', 'zh-CN');
    expect(cancels).toBe(1);
    expect(spoken).toHaveLength(1);
    expect(spoken[0]).toMatchObject({ text: '请插入社会保障卡。芯片朝前。', lang: 'zh-CN' });
    expect(spoken[0]?.rate).toBeLessThan(1);
  });

  it('says nothing for an empty prompt and stops when asked', () => {
    speakPrompt('  ', 'en');
    expect(spoken).toHaveLength(0);
    stopSpeaking();
    expect(cancels).toBe(1);
  });

  it('is silent where the browser has no speech synthesis', () => {
    globals.window = {};
    expect(() => speakPrompt('Hello', 'en')).not.toThrow();
  });
});
