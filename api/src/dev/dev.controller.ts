import { Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BusinessPrincipal, CurrentBusiness, Roles } from '../auth/principal';
import { ApiAuth, Problems } from '../openapi/api-errors';
import { ProblemCode } from '../problems/problem-code';
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
    description:
      'Exists only when DEV_ENDPOINTS is on (404 otherwise). Files it in the name of your own "Test Customer" (made on first use), never a real customer.',
  })
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiAuth()
  @Problems(ProblemCode.NotFound, ProblemCode.TooManyPending)
  createTestPayment(@CurrentBusiness() owner: BusinessPrincipal): Promise<PaymentDto> {
    return this.dev.createTestPayment(owner);
  }
}
