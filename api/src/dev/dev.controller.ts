import { Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../auth/principal';
import { ApiAuth } from '../openapi/api-errors';
import { PaymentDto } from '../payments/dto/payment.dto';
import { DevService } from './dev.service';

@ApiTags('dev')
@Controller('dev')
export class DevController {
  constructor(private readonly dev: DevService) {}

  @Post('test-payments')
  @Roles('business')
  @ApiOperation({
    summary: 'Create a mock pending payment (business, development only)',
    description: 'Exists only when DEV_ENDPOINTS is on (404 otherwise). Uses one of your customers, or creates "Test Customer".',
  })
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiAuth(403, 404, 409)
  createTestPayment(@CurrentUser() principal: Principal): Promise<PaymentDto> {
    return this.dev.createTestPayment(principal);
  }
}
