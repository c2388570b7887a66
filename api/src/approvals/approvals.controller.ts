import { Scopes } from '../api-keys/scopes';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BusinessPrincipal, CurrentBusiness, Roles } from '../auth/principal';
import { ApiAuth, Problems } from '../openapi/api-errors';
import { ProblemCode } from '../problems/problem-code';
import { PaymentEnvelopeDto } from '../payments/dto/payment.dto';
import { IdParam } from '../http/validation';
import { ApprovalsService } from './approvals.service';
import { ApprovalDto, PaymentStatsDto, RejectPaymentDto } from './dto/approval.dto';

/** The business's decisions on claims. Served under /payments, as the resources are payments. */
@ApiTags('approvals')
@Controller('payments')
@Roles('business')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Get('stats')
  @ApiOperation({
    summary: "Dashboard figures (business): pending count and total, approved today (IST), what's owed",
    description: "Days, weeks and months are those of India (IST, UTC+5:30), whatever the caller's time zone.",
  })
  @ApiOkResponse({ type: PaymentStatsDto })
  @ApiAuth()
  @Scopes('payments:read')
  getPaymentStats(@CurrentBusiness() owner: BusinessPrincipal): Promise<PaymentStatsDto> {
    return this.approvals.stats(owner);
  }

  @Post(':paymentId/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a pending claim (business)',
    description:
      'In one transaction: the payment becomes approved, one `payment` ledger entry is written and the balance drops. ' +
      'Exactly one decision on a payment wins; the others get 409 with `currentStatus`.',
  })
  @ApiOkResponse({ type: ApprovalDto })
  @ApiAuth()
  @Problems(ProblemCode.PaymentNotFound, ProblemCode.PaymentNotPending, ProblemCode.BalanceOutOfRange)
  @Scopes('payments:decide')
  approvePayment(@CurrentBusiness() owner: BusinessPrincipal, @IdParam('paymentId') paymentId: string): Promise<ApprovalDto> {
    return this.approvals.approve(owner, paymentId);
  }

  @Post(':paymentId/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject a pending claim with a reason (business)',
    description: 'No ledger effect. The customer sees the reason.',
  })
  @ApiBody({ type: RejectPaymentDto, examples: { notReceived: { value: { reason: 'Amount not received in our account' } } } })
  @ApiOkResponse({ type: PaymentEnvelopeDto })
  @ApiAuth()
  @Problems(ProblemCode.PaymentNotFound, ProblemCode.PaymentNotPending)
  @Scopes('payments:decide')
  async rejectPayment(
    @CurrentBusiness() owner: BusinessPrincipal,
    @IdParam('paymentId') paymentId: string,
    @Body() dto: RejectPaymentDto,
  ): Promise<PaymentEnvelopeDto> {
    return { payment: await this.approvals.reject(owner, paymentId, dto.reason) };
  }
}
