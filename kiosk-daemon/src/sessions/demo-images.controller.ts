import { Controller, Get, HttpException, HttpStatus, Inject, Param, Res } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DEMO_IMAGE_NAME } from './demo-images.js';
import { DemoService } from './demo.service.js';

/** The part of Express's response this controller uses. */
interface ImageResponse {
  setHeader(name: string, value: string): void;
  type(contentType: string): { send(body: Buffer): void };
}

/**
 * GET /demo/images/<hash>.png — the demo panel's receipt and card face previews (demo profile only),
 * on the daemon's loopback address. An image's address names its bytes, so it never changes under
 * it: the browser may keep it for good and loads each image once.
 */
@Controller('demo/images')
export class DemoImagesController {
  constructor(
    private readonly demo: DemoService,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
  ) {}

  @Get(':name')
  image(@Param('name') name: string, @Res() res: ImageResponse): void {
    if (!this.config.demo.panel)
      throw new HttpException(
        {
          code: ErrorCode.GATEWAY_NOT_ALLOWED,
          message: 'The emulator panel exists only in the demo profile.',
        },
        HttpStatus.FORBIDDEN,
      );
    if (!DEMO_IMAGE_NAME.test(name))
      throw new HttpException(
        { code: ErrorCode.GATEWAY_MALFORMED_MESSAGE, message: 'A demo image is named <16 hex digits>.png.' },
        HttpStatus.BAD_REQUEST,
      );
    const png = this.demo.images.byName(name);
    if (!png)
      throw new HttpException(
        {
          code: ErrorCode.DEMO_IMAGE_NOT_FOUND,
          message: 'No such demo image: the panel shows only the last receipt and the last card face.',
        },
        HttpStatus.NOT_FOUND,
      );
    res.setHeader('cache-control', 'private, max-age=31536000, immutable');
    res.type('image/png').send(png);
  }
}
