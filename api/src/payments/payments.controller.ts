import { Scopes } from '../api-keys/scopes';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCustomer, CurrentUser, CustomerPrincipal, Principal, Roles } from '../auth/principal';
import { Idempotent } from '../idempotency/idempotent';
import { ApiAuth, Problems } from '../openapi/api-errors';
import { ProblemCode } from '../problems/problem-code';
import { IdParam } from '../http/validation';
import { byAddress, byUser, RateLimit } from '../rate-limit/rate-limit';
import { ListPaymentsQuery, PaymentDto, PaymentEnvelopeDto, PaymentHistoryDto, PaymentPageDto, SubmitPaymentDto } from './dto/payment.dto';
import { PaymentsService } from './payments.service';

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post()
  @Roles('customer')
  @ApiOperation({
    summary: 'Claim a PhonePe payment (customer)',
    description:
      'Records "I paid ₹X"; it stays pending until the business approves or rejects it. Needs an Idempotency-Key. ' +
      'At most 10 pending claims per account; a UTR can be on one pending or approved claim per business. A retry with the ' +
      'same key and body gets the first response again, a problem (404, 409) as well as a success, and never a 429.',
  })
  @Idempotent({ required: true })
  @RateLimit({
    charges: [
      ['claimsAddress', byAddress],
      ['claims', byUser],
    ],
  })
  @ApiBody({
    type: SubmitPaymentDto,
    examples: {
      withUtr: {
        summary: 'With the UPI reference',
        value: { businessId: '7b0d9c1e-5f7a-4c1b-9a57-3f2e8d6c4b1a', amount: '500.00', notes: 'November dues', utr: '412345678901' },
      },
      minimal: { summary: 'Amount only', value: { businessId: '7b0d9c1e-5f7a-4c1b-9a57-3f2e8d6c4b1a', amount: '250' } },
    },
  })
  @ApiCreatedResponse({ type: PaymentDto, description: 'The pending claim (also on a replay, with `Idempotent-Replayed: true`)' })
  @ApiAuth()
  @Problems(ProblemCode.AccountNotFound, ProblemCode.ShopClosed, ProblemCode.TooManyPending, ProblemCode.UtrInUse)
  submitPayment(@CurrentCustomer() customer: CustomerPrincipal, @Body() dto: SubmitPaymentDto): Promise<PaymentDto> {
    return this.payments.submit(customer, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List payments, newest first',
    description: 'A business sees the claims made to it, a customer their own. Filter by status; `q` searches name, phone and UTR.',
  })
  @ApiOkResponse({ type: PaymentPageDto })
  @ApiAuth()
  @Scopes('payments:read')
  listPayments(@CurrentUser() principal: Principal, @Query() query: ListPaymentsQuery): Promise<PaymentPageDto> {
    return this.payments.list(principal, query);
  }

  @Get(':paymentId')
  @ApiOperation({
    summary: 'One payment and its status',
    description: 'The business and the customer of the payment see it; anyone else gets 404.',
  })
  @ApiOkResponse({ type: PaymentDto })
  @ApiAuth()
  @Problems(ProblemCode.PaymentNotFound)
  @Scopes('payments:read')
  getPayment(@CurrentUser() principal: Principal, @IdParam('paymentId') paymentId: string): Promise<PaymentDto> {
    return this.payments.get(principal, paymentId);
  }

  @Post(':paymentId/cancel')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({
    summary: 'Cancel a pending claim (customer)',
    description: 'Only while it is pending; once decided, 409 `PAYMENT_NOT_PENDING` with `currentStatus`.',
  })
  @ApiOkResponse({ type: PaymentEnvelopeDto })
  @ApiAuth()
  @Problems(ProblemCode.PaymentNotFound, ProblemCode.PaymentNotPending)
  async cancelPayment(
    @CurrentCustomer() customer: CustomerPrincipal,
    @IdParam('paymentId') paymentId: string,
  ): Promise<PaymentEnvelopeDto> {
    return { payment: await this.payments.cancel(customer, paymentId) };
  }

  @Get(':paymentId/history')
  @ApiOperation({
    summary: "A payment's audit trail: every state change, who and when",
    description: 'Oldest first; a rejection carries its reason.',
  })
  @ApiOkResponse({ type: PaymentHistoryDto })
  @ApiAuth()
  @Problems(ProblemCode.PaymentNotFound)
  @Scopes('payments:read')
  getPaymentHistory(@CurrentUser() principal: Principal, @IdParam('paymentId') paymentId: string): Promise<PaymentHistoryDto> {
    return this.payments.history(principal, paymentId);
  }
}
