import { Module } from '@nestjs/common';
import { AccountMergesService } from './account-merges.service';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';

@Module({ controllers: [AccountsController], providers: [AccountsService, AccountMergesService] })
export class AccountsModule {}
