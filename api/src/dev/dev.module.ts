import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { DevController } from './dev.controller';
import { DevService } from './dev.service';

@Module({ imports: [PaymentsModule], controllers: [DevController], providers: [DevService] })
export class DevModule {}
