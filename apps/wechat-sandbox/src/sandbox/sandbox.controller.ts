import { BadRequestException, Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';

import { CodeStore } from './code-store';
import { AdvanceClockDto, AdvanceClockResponse } from './dto/advance-clock.dto';
import { MintCodeDto, MintCodeResponse } from './dto/mint-code.dto';
import { sandboxOpenid, sandboxUnionid } from './identity';
import { SandboxClock } from './sandbox-clock';
import { SandboxCredentials } from './sandbox-credentials';

/** What tests and developers use to play the mini-program's part (wx.login) and to steer the sandbox. */
@Controller('sandbox')
export class SandboxController {
  constructor(
    private readonly codes: CodeStore,
    private readonly clock: SandboxClock,
    private readonly credentials: SandboxCredentials,
  ) {}

  @Post('codes')
  mintCode(@Body() body: MintCodeDto): MintCodeResponse {
    const appid = body.appid ?? this.credentials.appid;
    if (!this.credentials.isAppid(appid)) {
      throw new BadRequestException([`appid ${appid} is not an app of this sandbox`]);
    }
    const openid = sandboxOpenid(appid, body.user);
    const code = this.codes.mint({
      appid,
      openid,
      unionid: sandboxUnionid(body.user),
      errcode: body.errcode,
      failures: body.failures,
      delayMs: body.delayMs,
    });
    return { code, openid };
  }

  @Post('clock/advance')
  @HttpCode(HttpStatus.OK)
  advanceClock(@Body() body: AdvanceClockDto): AdvanceClockResponse {
    return { now: this.clock.advance(body.ms) };
  }
}
