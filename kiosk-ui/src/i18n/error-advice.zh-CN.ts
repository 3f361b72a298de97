/** What to do next, in Simplified Chinese: the advice many error messages share (error-messages.zh-CN, host-error-messages.zh-CN, operations-error-messages.zh-CN). */
export const askStaff = '请到服务窗口找工作人员帮助。';
export const tryAgain = '请再试一次；如果还不行，请找工作人员帮助。';
export const otherKiosk = '请使用其他自助机或到服务窗口办理。';
