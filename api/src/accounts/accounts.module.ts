import { Module } from '@nestjs/common';
import { AccountMergesService } from './account-merges.service';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { JoinCodesController } from './join-codes.controller';

@Module({ controllers: [AccountsController, JoinCodesController], providers: [AccountsService, AccountMergesService] })
export class AccountsModule {}
