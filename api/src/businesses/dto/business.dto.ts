import { NAME_MAX_LENGTH } from '../../openapi/limits';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { UPI_ID, UPI_ID_MAX_LENGTH } from '../../auth/dto/auth.dto';
import { IsText, Trimmed } from '../../text/text';
import { JOIN_CODE_LENGTH, JOIN_CODE_PATTERN } from '../codes';

export class BusinessDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Sharma Kirana Store', maxLength: NAME_MAX_LENGTH })
  name: string;

  @ApiProperty({
    example: 'sharmakirana@ybl',
    pattern: UPI_ID.source,
    maxLength: UPI_ID_MAX_LENGTH,
    description: 'The UPI ID customers pay to',
  })
  upiId: string;

  @ApiProperty({
    example: 'K7M3Q9TX',
    type: String,
    nullable: true,
    pattern: JOIN_CODE_PATTERN,
    maxLength: JOIN_CODE_LENGTH,
    description: 'Only the owner sees it',
  })
  joinCode: string | null;
}

export class UpdateBusinessDto {
  @ApiPropertyOptional({ example: 'Sharma General Store' })
  @IsOptional()
  @Trimmed()
  @IsText({ min: 1, max: 100 }) // businesses.name
  name?: string;

  @ApiPropertyOptional({ example: 'sharmastore@okaxis', pattern: UPI_ID.source })
  @IsOptional()
  @Trimmed()
  @IsText({ max: UPI_ID_MAX_LENGTH })
  @Matches(UPI_ID, { message: 'upiId must be a UPI ID like name@bank' })
  upiId?: string;
}
