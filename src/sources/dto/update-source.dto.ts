import { PartialType } from '@nestjs/swagger';
import { CreateSourceDto } from './create-source.dto';

/** Any subset of the fields; the scheduler follows the new schedule and enabled flag at once. */
export class UpdateSourceDto extends PartialType(CreateSourceDto, { skipNullProperties: false }) {}
