import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';

const HAN = /[\u4e00-\u9fff]/;

function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
}

/** where the resident or staff are told to finish a PIN on the pad */
const PIN_HINTS = [
  [
    'changePin.enterPin',
    en.journeySteps.changePin?.enterPin?.hint ?? '',
    zhCN.journeySteps.changePin?.enterPin?.hint ?? '',
  ],
  ['enterPin', en.steps.enterPin.hint, zhCN.steps.enterPin.hint],
  ['enterNewPin', en.steps.enterNewPin.hint, zhCN.steps.enterNewPin.hint],
  ['confirmNewPin', en.steps.confirmNewPin.hint, zhCN.steps.confirmNewPin.hint],
  ['staff.pinOnPad', en.staff.pinOnPad, zhCN.staff.pinOnPad],
] as const;

describe('the PIN pad’s Enter key in the prompts', () => {
  it('says nothing in Chinese in English but the switch to Chinese', () => {
    const chinese = leaves(en).filter(
      ([path, text]) => HAN.test(text) && path !== 'app.languageSwitch' && path !== 'app.languageSwitchLabel',
    );
    expect(chinese).toEqual([]);
  });

  it.each(PIN_HINTS)('%s names the green Enter key as each language labels it', (_, english, chinese) => {
    expect(english).toContain('green Enter key');
    expect(english).not.toMatch(HAN);
    expect(chinese).toContain('绿色的“确认”键');
  });

  it('the demo panel’s pad names its keys as the encrypting PIN pad is labelled (更正, 取消, 确认)', () => {
    expect(zhCN.demo.keys).toEqual({ clear: '更正', cancel: '取消', enter: '确认' });
    expect(en.demo.keys).toEqual({ clear: 'Clear', cancel: 'Cancel', enter: 'Enter' });
  });
});
