import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/principal';
import { WithoutDatabase } from '../openapi/api-errors';
import type { AppConfig } from './app-config';
import { APP_CONFIG } from './config.module';

export class PublicConfigDto {
  @ApiProperty({ description: 'Whether development endpoints (e.g. POST /dev/test-payments) exist' })
  devEndpoints: boolean;
}

@ApiTags('config')
@Controller('config')
export class PublicConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Public settings the SPA needs', description: 'No authentication; nothing secret.' })
  @ApiOkResponse({ type: PublicConfigDto })
  @WithoutDatabase()
  getPublicConfig(): PublicConfigDto {
    return { devEndpoints: this.config.devEndpoints };
  }
}
