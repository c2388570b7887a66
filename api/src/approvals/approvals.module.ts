import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

@Module({ imports: [PaymentsModule], controllers: [ApprovalsController], providers: [ApprovalsService] })
export class ApprovalsModule {}
