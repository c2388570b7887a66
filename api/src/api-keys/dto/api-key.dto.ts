import { PAGE_MAX_ITEMS } from '../../openapi/limits';
import { NEXT_CURSOR } from '../../pagination/pagination';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { IsText, Trimmed } from '../../text/text';
import { Scope, SCOPES } from '../scopes';

/** `kp_` and 43 base64url characters (256 random bits). */
export const API_KEY_PATTERN = /^kp_[A-Za-z0-9_-]{43}$/;

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Tally sync', maxLength: 100 })
  name: string;

  @ApiProperty({ enum: SCOPES, isArray: true, maxItems: SCOPES.length, example: ['payments:read', 'payments:decide'] })
  scopes: Scope[];

  @ApiProperty({
    example: 'kp_AbCdEfGh',
    pattern: '^kp_[A-Za-z0-9_-]{8}$',
    maxLength: 11,
    description: 'The first characters of the key, to tell keys apart',
  })
  prefix: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The last request with the key (to the minute)' })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was revoked; a revoked key works no more' })
  revokedAt: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    example: 'kp_AbCdEfGhT3sTkEy0nlyF0rD0cs_xxxxxxxxxxxxxxxx',
    pattern: API_KEY_PATTERN.source,
    maxLength: 46,
    description: 'The key itself, shown this once: send it as the `X-Api-Key` header. Only its hash is kept.',
  })
  key: string;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto], maxItems: PAGE_MAX_ITEMS })
  items: ApiKeyDto[];

  @ApiProperty(NEXT_CURSOR)
  nextCursor: string | null;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Tally sync', description: 'What the key is for' })
  @Trimmed()
  @IsText({ min: 1, max: 100 }) // api_keys.name
  name: string;

  @ApiProperty({ enum: SCOPES, isArray: true, minItems: 1, maxItems: SCOPES.length, uniqueItems: true, example: ['payments:read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SCOPES.length)
  @ArrayUnique()
  @IsIn(SCOPES, { each: true, message: `each scope must be one of ${SCOPES.join(', ')}` })
  scopes: Scope[];
}
