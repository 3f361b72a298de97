import { describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { DemoImagesController } from './demo-images.controller.js';
import { DemoImages } from './demo-images.js';
import type { DemoService } from './demo.service.js';

const controller = (images: DemoImages): DemoImagesController =>
  new DemoImagesController(
    { images } as unknown as DemoService,
    {
      demo: { panel: true },
    } as unknown as KioskConfig,
  );

const refusal = (act: () => void): { status: number; code: unknown } => {
  try {
    act();
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    return { status: error.getStatus(), code: (error.getResponse() as { code?: unknown }).code };
  }
  throw new Error('not refused');
};

const response = { setHeader: () => undefined, type: () => ({ send: () => undefined }) };

describe('the demo panel images over HTTP', () => {
  it('fault: demo image not held answered as a malformed gateway message: 404 DEMO_IMAGE_NOT_FOUND', () => {
    const images = new DemoImages();
    images.put('receipt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1]));
    expect(refusal(() => controller(images).image('0123456789abcdef.png', response))).toEqual({
      status: 404,
      code: ErrorCode.DEMO_IMAGE_NOT_FOUND,
    });
  });

  it('a name that is not an image name stays a malformed request: 400 GATEWAY_MALFORMED_MESSAGE', () => {
    expect(refusal(() => controller(new DemoImages()).image('..%2Fjournal.sqlite', response))).toEqual({
      status: 400,
      code: ErrorCode.GATEWAY_MALFORMED_MESSAGE,
    });
  });
});
